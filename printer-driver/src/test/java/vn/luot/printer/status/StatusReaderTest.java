package vn.luot.printer.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import vn.luot.printer.PrinterStatus;
import vn.luot.printer.transport.PrinterLink;

class StatusReaderTest {

    private final StatusReader reader = new StatusReader(Duration.ofMillis(200));

    @Test
    void readsPaperNearEndFromAPrinterInStep() throws IOException {
        assertThat(reader.read(new ScriptedPrinter(false, 0x12, 0x12, 0x1e))).isEqualTo(PrinterStatus.PAPER_NEAR_END);
    }

    @Test
    void readsTheRightAnswersFromAPrinterThatAnswersOneRequestLate() throws IOException {
        ScriptedPrinter lagging = new ScriptedPrinter(true, 0x12, 0x32, 0x72);
        assertThat(reader.read(lagging)).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThat(reader.read(lagging)).isEqualTo(PrinterStatus.PAPER_OUT);
    }

    @Test
    void aPrinterThatNeverAnswersIsOfflineWithinTheTimeout() throws IOException {
        long start = System.nanoTime();
        assertThat(reader.read(new ScriptedPrinter(false, -1, -1, -1))).isEqualTo(PrinterStatus.OFFLINE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    /**
     * Answers DLE EOT n from a table, in step or one request late (the first late answer is
     * whatever the previous request would have got). -1 in the table means "no answer".
     */
    private static final class ScriptedPrinter implements PrinterLink {
        private final boolean late;
        private final int[] answers = new int[5];
        private final Deque<Integer> pending = new ArrayDeque<>();
        private int previous = 0x12;

        ScriptedPrinter(boolean late, int n1, int n2, int n4) {
            this.late = late;
            answers[1] = n1;
            answers[2] = n2;
            answers[4] = n4;
        }

        @Override
        public void write(byte[] bytes) {
            for (int i = 0; i + 2 < bytes.length; i += 3) {
                int answer = answers[bytes[i + 2]];
                if (answer < 0) {
                    continue;
                }
                pending.add(late ? previous : answer);
                previous = answer;
            }
        }

        @Override
        public int read(byte[] buffer, Duration timeout) {
            int n = 0;
            while (n < buffer.length && !pending.isEmpty()) {
                buffer[n++] = pending.poll().byteValue();
            }
            return n;
        }

        @Override
        public void discardInput() {
            pending.clear();
        }

        @Override
        public void close() {
        }
    }
}
