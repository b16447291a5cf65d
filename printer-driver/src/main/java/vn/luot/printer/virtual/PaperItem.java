package vn.luot.printer.virtual;

import java.awt.image.BufferedImage;
import java.util.List;

/** Something printed on the paper, in order; the renderer stacks them from top to bottom. */
sealed interface PaperItem {

    /** Dot rows of paper the item uses. */
    int height();

    enum Align { LEFT, CENTER, RIGHT }

    record Run(String text, int width, int height, boolean bold, boolean reverse) {
    }

    record TextLine(List<Run> runs, Align align) implements PaperItem {
        @Override
        public int height() {
            int tallest = runs.stream().mapToInt(Run::height).max().orElse(1);
            return Math.max(30, 24 * tallest + 6);
        }
    }

    record Image(BufferedImage image, Align align) implements PaperItem {
        @Override
        public int height() {
            return image.getHeight();
        }
    }

    record Qr(String data, int module, Align align, int modules) implements PaperItem {
        @Override
        public int height() {
            return module * modules;
        }
    }

    record Feed(int dots) implements PaperItem {
        @Override
        public int height() {
            return dots;
        }
    }
}
