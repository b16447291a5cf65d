package vn.luot.display.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.luot.core.sim.SocatPair;
import vn.luot.core.testing.MutableClock;
import vn.luot.display.simulator.SimulatedBoards;

/**
 * libmodbus' {@code mbpoll} (a Modbus master nobody here wrote) reads and writes the simulated boards: they
 * must hold their registers as the real models do and refuse what those models lack with an exception, so that
 * tests against them mean something.
 */
class SimulatedBoardsMbpollTest {

    @TempDir
    Path dir;

    private SocatPair pair;
    private SimulatedBoards boards;

    @BeforeEach
    void start() throws InterruptedException {
        pair = SocatPair.start(dir.resolve("master"), dir.resolve("boards"));
        BlockingQueue<String> log = new LinkedBlockingQueue<>();
        boards = SimulatedBoards.builder(pair.peer().toString(), MutableClock.at("2026-11-23T09:05"))
                .board(1, "dm36").board(4, "modbus-led").log(log::add).build().start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String line;
        do {
            line = log.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } while (line != null && !line.startsWith("listening on"));
        assertThat(line).as("the simulated boards opened their pty").isNotNull();
    }

    @AfterEach
    void stop() {
        boards.close();
        pair.close();
    }

    private String mbpoll(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("mbpoll", "-m", "rtu", "-b", "9600", "-P", "none", "-o", "1", "-0", "-1"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("mbpoll finished").isTrue();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void mbpollWritesALabelToADm36BoardWithFunction16AndReadsItBack() throws Exception {
        String port = pair.device().toString();
        String write = mbpoll("-a", "1", "-t", "4", "-r", "0", port, "72", "84", "45", "48", "49", "50");
        assertThat(write).contains("Written 6 references");
        assertThat(boards.board(1).orElseThrow().shown()).isEqualTo("HT-012");
        String read = mbpoll("-a", "1", "-t", "4", "-r", "0", "-c", "6", port);
        assertThat(read).contains("[0]: \t72").contains("[5]: \t50");
    }

    @Test
    void mbpollWritesANumberToARegister0BoardWithFunction06() throws Exception {
        String port = pair.device().toString();
        assertThat(mbpoll("-a", "4", "-t", "4", "-r", "0", port, "12")).contains("Written 1 references");
        assertThat(boards.board(4).orElseThrow().shown()).isEqualTo("12");
        assertThat(mbpoll("-a", "4", "-t", "4", "-r", "0", "-c", "1", port)).contains("[0]: \t12");
    }

    @Test
    void functionsARegister0BoardLacksAreAnsweredWithIllegalFunction() throws Exception {
        String port = pair.device().toString();
        // Function 04 (read input registers) and function 16 (write multiple): exception 01, not silence.
        assertThat(mbpoll("-a", "4", "-t", "3", "-r", "0", "-c", "1", port)).containsIgnoringCase("illegal function");
        assertThat(mbpoll("-a", "4", "-t", "4", "-r", "0", port, "1", "2")).containsIgnoringCase("illegal function");
        assertThat(mbpoll("-a", "4", "-t", "4", "-r", "6", "-c", "1", port)).containsIgnoringCase("illegal data address");
        assertThat(boards.board(4).orElseThrow().shown()).isEmpty();
    }
}
