package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** A report.html read by the JDK's XML parser (so it must be well-formed), with what tests ask of it. */
record ReportPage(String html, Document dom) {
    static ReportPage read(Path file) throws Exception {
        return parse(Files.readString(file));
    }

    /**
     * The report once its text satisfies {@code written}, or as it is after a minute (the
     * assertions that follow then say what was there). The job writes its files behind the
     * training, so a listener told of an epoch may look before the write it expects has landed;
     * nothing newer is queued while the listener runs, so waiting for it is not a race.
     */
    static ReportPage await(Path file, Predicate<String> written) throws Exception {
        return parse(awaitText(file, written));
    }

    /** As {@link #await}, for any file the job writes: its text once {@code written} holds (or after a minute; null if it never appeared). */
    static String awaitText(Path file, Predicate<String> written) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        String text = null;
        do {
            if (Files.exists(file)) {
                text = Files.readString(file);  // replaced atomically: always a whole file
                if (written.test(text)) return text;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        return text;
    }

    private static ReportPage parse(String html) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        Document dom = f.newDocumentBuilder().parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
        return new ReportPage(html, dom);
    }

    /** Every src and href in the page: each must be a data: URI or an in-page anchor, never another file. */
    List<String> references() {
        List<String> refs = new ArrayList<>();
        NodeList all = dom.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            for (String a : new String[] {"src", "href"}) if (e.hasAttribute(a)) refs.add(e.getAttribute(a));
        }
        return refs;
    }

    /** The embedded image of each figure with a file, by its base name (from the figure's id "fig-NAME"). */
    Map<String, byte[]> figures() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        NodeList figs = dom.getElementsByTagName("figure");
        for (int i = 0; i < figs.getLength(); i++) {
            Element f = (Element) figs.item(i);
            String id = f.getAttribute("id");
            if (!id.startsWith("fig-")) continue;
            Element img = (Element) f.getElementsByTagName("img").item(0);
            String src = img.getAttribute("src");
            assertTrue(src.startsWith("data:image/png;base64,"), id + ": " + src.substring(0, Math.min(40, src.length())));
            out.put(id.substring(4), Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1)));
        }
        return out;
    }

    /** The text of the element with {@code id}, or null. */
    String text(String id) {
        NodeList all = dom.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) return e.getTextContent();
        }
        return null;
    }

    /** True when the head asks the browser to reload the page. */
    boolean refreshes() {
        NodeList metas = dom.getElementsByTagName("meta");
        for (int i = 0; i < metas.getLength(); i++) {
            if ("refresh".equals(((Element) metas.item(i)).getAttribute("http-equiv"))) return true;
        }
        return false;
    }

    /** The rows of the first table after the heading {@code heading}, header row first. */
    List<List<String>> table(String heading) {
        NodeList hs = dom.getElementsByTagName("h2");
        for (int i = 0; i < hs.getLength(); i++) {
            if (!hs.item(i).getTextContent().equals(heading)) continue;
            for (Node n = hs.item(i).getNextSibling(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getElementsByTagName("table").getLength() > 0) {
                    List<List<String>> rows = new ArrayList<>();
                    NodeList trs = e.getElementsByTagName("tr");
                    for (int r = 0; r < trs.getLength(); r++) {
                        List<String> cells = new ArrayList<>();
                        NodeList cs = ((Element) trs.item(r)).getChildNodes();
                        for (int c = 0; c < cs.getLength(); c++) cells.add(cs.item(c).getTextContent());
                        rows.add(cells);
                    }
                    return rows;
                }
            }
        }
        throw new AssertionError("no table after the heading " + heading);
    }

    static void assertPng(byte[] bytes, String what) {
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1), what);
    }
}
