package dev.nabla.examples.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Test helpers: parse an SVG as XML and find its groups; decode a PNG and check its signature. */
public final class SvgFiles {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private SvgFiles() {}

    /** Parses {@code svg} as XML (no external entities), failing the test on any error; checks the root. */
    public static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
        assertEquals("svg", doc.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", doc.getDocumentElement().getNamespaceURI());
        return doc;
    }

    /** Parses SVG bytes (UTF-8). */
    public static Document parse(byte[] svg) throws Exception {
        return parse(new String(svg, StandardCharsets.UTF_8));
    }

    /** The ids of the {@code <g>} elements whose class is {@code cssClass}, in document order. */
    public static List<String> groups(Document doc, String cssClass) {
        List<String> ids = new ArrayList<>();
        NodeList gs = doc.getElementsByTagNameNS("*", "g");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            if (g.getAttribute("class").equals(cssClass)) ids.add(g.getAttribute("id"));
        }
        return ids;
    }

    /** All text of the document's {@code <text>} elements, one per line. */
    public static String text(Document doc) {
        StringBuilder sb = new StringBuilder();
        NodeList ts = doc.getElementsByTagNameNS("*", "text");
        for (int i = 0; i < ts.getLength(); i++) sb.append(ts.item(i).getTextContent()).append('\n');
        return sb.toString();
    }

    /** Checks the PNG signature and decodes the image. */
    public static BufferedImage png(byte[] bytes) throws IOException {
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), "PNG signature");
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }
}
