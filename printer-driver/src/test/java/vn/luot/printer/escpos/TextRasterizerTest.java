package vn.luot.printer.escpos;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class TextRasterizerTest {

    private final TextRasterizer rasterizer = new TextRasterizer(BundledFonts.load());

    @Test
    void wrapsLongTextAtSpacesWithinThePaperWidth() {
        Font font = rasterizer.font(22f, false);
        var lines = rasterizer.wrap("Trung tâm Phục vụ hành chính công thành phố Hà Nội chi nhánh số 12", font, 384);
        assertThat(lines).hasSizeGreaterThan(1);
        assertThat(String.join(" ", lines)).isEqualTo("Trung tâm Phục vụ hành chính công thành phố Hà Nội chi nhánh số 12");
        lines.forEach(l -> assertThat(rasterizer.width(l, font)).isLessThanOrEqualTo(384));
    }

    @Test
    void splitsAWordWiderThanThePaperInsteadOfCuttingItOff() {
        Font font = rasterizer.font(38f, true);
        String word = "Nghĩađịavănphòngđăngkýđấtđaithànhphố";
        var lines = rasterizer.wrap(word, font, 384);
        assertThat(String.join("", lines)).isEqualTo(word);
    }

    @Test
    void imagesAreByteAlignedAndNoWiderThanThePaper() {
        BufferedImage image = rasterizer.render("Còn 4 người trước bạn", rasterizer.font(22f, false), false, 576);
        assertThat(image.getWidth() % 8).isZero();
        assertThat(image.getWidth()).isLessThan(576);
    }

    @Test
    void dropsCharactersTheFontCannotDrawInsteadOfDrawingBoxes() {
        Font font = rasterizer.font(22f, false);
        assertThat(rasterizer.displayable("Hộ tịch 北", font)).isEqualTo("Hộ tịch ");
    }
}
