package vn.luot.printer.virtual;

import com.google.zxing.LuminanceSource;
import java.awt.image.BufferedImage;

/**
 * Luminance of a BufferedImage for ZXing's reader. zxing's own BufferedImageLuminanceSource is in
 * the javase artifact, which the root pom does not pin; this is the few lines we need of it.
 */
final class ImageLuminance extends LuminanceSource {

    private final byte[] pixels;

    ImageLuminance(BufferedImage image) {
        super(image.getWidth(), image.getHeight());
        pixels = new byte[image.getWidth() * image.getHeight()];
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int grey = ((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) * 2 + (rgb & 0xff)) / 4;
                pixels[y * image.getWidth() + x] = (byte) grey;
            }
        }
    }

    @Override
    public byte[] getRow(int y, byte[] row) {
        byte[] r = row != null && row.length >= getWidth() ? row : new byte[getWidth()];
        System.arraycopy(pixels, y * getWidth(), r, 0, getWidth());
        return r;
    }

    @Override
    public byte[] getMatrix() {
        return pixels;
    }
}
