package vn.luot.printer.escpos;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.text.Normalizer;

/**
 * Windows-1258 text. Cp1258 holds only some precomposed letters (á, à, â …); the rest are a base
 * letter (â ê ô ă ơ ư đ included) followed by a combining tone mark. Java's encoder does not
 * decompose by itself, so each letter it cannot take is decomposed here. Whether the printer
 * overlays the combining mark depends on the model: this strategy is an opt-in per profile.
 */
public final class Cp1258Text implements NativeText {

    public static final Charset CHARSET = Charset.forName("windows-1258");

    private final int page;
    // Encoders are not thread-safe and costly to create per character: one per thread.
    private final ThreadLocal<CharsetEncoder> encoder = ThreadLocal.withInitial(CHARSET::newEncoder);

    public Cp1258Text(int page) {
        this.page = page;
    }

    @Override
    public void write(String text, EscPosBuffer out) {
        String prepared = prepare(text);
        if (!VietnameseText.isPrintableAscii(prepared)) {
            out.codePage(page);
        }
        out.text(encode(prepared));
    }

    @Override
    public boolean canEncode(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return nfc.codePoints().allMatch(cp -> encodable(decomposed(cp)));
    }

    /** NFC, then every letter the code page lacks as base letter + combining tone mark. */
    String prepare(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder sb = new StringBuilder(nfc.length() + 8);
        nfc.codePoints().forEach(cp -> {
            String one = new String(Character.toChars(cp));
            if (encodable(one)) {
                sb.append(one);
                return;
            }
            String split = decomposed(cp);
            sb.append(encodable(split) ? split : VietnameseText.fallback(one, c -> encodable(new String(Character.toChars(c)))));
        });
        return sb.toString();
    }

    /** "ấ" becomes "â" + U+0301: NFD, then the vowel modifiers are composed back onto the base. */
    private static String decomposed(int cp) {
        String nfd = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        if (nfd.length() < 2) {
            return nfd;
        }
        StringBuilder base = new StringBuilder().append(nfd.charAt(0));
        StringBuilder tones = new StringBuilder();
        for (int i = 1; i < nfd.length(); i++) {
            char m = nfd.charAt(i);
            if (m == '\u0302' || m == '\u0306' || m == '\u031b') {
                base.append(m);
            } else {
                tones.append(m);
            }
        }
        return Normalizer.normalize(base, Normalizer.Form.NFC) + tones;
    }

    private boolean encodable(String s) {
        return encoder.get().canEncode(s);
    }

    private byte[] encode(String s) {
        try {
            ByteBuffer bb = encoder.get().encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[bb.remaining()];
            bb.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("prepared text must be encodable: " + s, e);
        }
    }
}
