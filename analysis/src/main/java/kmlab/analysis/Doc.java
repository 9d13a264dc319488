package kmlab.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A report as a list of blocks, written once and rendered twice: Markdown (plots linked) and a
 * self-contained HTML page (plots embedded). Inline markup is the Markdown subset {@code `code`},
 * {@code **bold**} and {@code [text](relative/link)}.
 */
final class Doc {
    private sealed interface Block permits Heading, Para, Bullets, Table, Image {
    }

    private record Heading(int level, String text) implements Block {
    }

    private record Para(String text) implements Block {
    }

    private record Bullets(List<String> items) implements Block {
    }

    private record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    /** A plot: {@code name}.png and {@code name}.svg in the plots folder. */
    private record Image(String name, String caption) implements Block {
    }

    private final List<Block> blocks = new ArrayList<>();

    Doc heading(int level, String text) {
        blocks.add(new Heading(level, text));
        return this;
    }

    Doc para(String text) {
        blocks.add(new Para(text));
        return this;
    }

    Doc bullets(List<String> items) {
        if (!items.isEmpty()) {
            blocks.add(new Bullets(List.copyOf(items)));
        }
        return this;
    }

    Doc table(List<String> header, List<List<String>> rows) {
        if (!rows.isEmpty()) {
            blocks.add(new Table(List.copyOf(header), List.copyOf(rows)));
        }
        return this;
    }

    Doc image(String name, String caption) {
        blocks.add(new Image(name, caption));
        return this;
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        for (Block b : blocks) {
            switch (b) {
                case Heading h -> sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
                case Para p -> sb.append(p.text()).append("\n\n");
                case Bullets l -> {
                    l.items().forEach(i -> sb.append("- ").append(i).append('\n'));
                    sb.append('\n');
                }
                case Table t -> {
                    sb.append("| ").append(String.join(" | ", t.header())).append(" |\n|");
                    t.header().forEach(x -> sb.append("---|"));
                    sb.append('\n');
                    t.rows().forEach(r -> sb.append("| ").append(String.join(" | ", r).replace("\n", " ")).append(" |\n"));
                    sb.append('\n');
                }
                case Image i -> sb.append("![").append(i.caption()).append("](plots/").append(i.name()).append(".png)\n\n*")
                        .append(i.caption()).append("* ([SVG](plots/").append(i.name()).append(".svg))\n\n");
            }
        }
        return sb.toString();
    }

    /** One file, no outside references: the PNGs are embedded as data URIs. */
    String html(String title, Path plots) throws IOException {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title>\n<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;"
                        + "padding:0 1em;line-height:1.45;color:#222}table{border-collapse:collapse;margin:1em 0;font-size:90%}"
                        + "td,th{border:1px solid #bbb;padding:3px 7px;text-align:right}th{background:#eee}"
                        + "td:first-child,th:first-child{text-align:left}img{max-width:100%;border:1px solid #ddd}"
                        + "code{background:#f3f3f3;padding:0 3px}figcaption{font-style:italic;margin-bottom:1.5em}</style>"
                        + "</head><body>\n");
        for (Block b : blocks) {
            switch (b) {
                case Heading h -> sb.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h")
                        .append(h.level()).append(">\n");
                case Para p -> sb.append("<p>").append(inline(p.text())).append("</p>\n");
                case Bullets l -> {
                    sb.append("<ul>");
                    l.items().forEach(i -> sb.append("<li>").append(inline(i)).append("</li>"));
                    sb.append("</ul>\n");
                }
                case Table t -> {
                    sb.append("<table><tr>");
                    t.header().forEach(x -> sb.append("<th>").append(inline(x)).append("</th>"));
                    sb.append("</tr>\n");
                    for (List<String> r : t.rows()) {
                        sb.append("<tr>");
                        r.forEach(x -> sb.append("<td>").append(inline(x)).append("</td>"));
                        sb.append("</tr>\n");
                    }
                    sb.append("</table>\n");
                }
                case Image i -> {
                    byte[] png = Files.readAllBytes(plots.resolve(i.name() + ".png"));
                    sb.append("<figure><img alt=\"").append(esc(i.caption())).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>")
                            .append(inline(i.caption())).append("</figcaption></figure>\n");
                }
            }
        }
        return sb.append("</body></html>\n").toString();
    }

    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");

    static String inline(String text) {
        String s = esc(text);
        s = CODE.matcher(s).replaceAll(m -> "<code>" + Matcher.quoteReplacement(m.group(1)) + "</code>");
        s = BOLD.matcher(s).replaceAll(m -> "<strong>" + Matcher.quoteReplacement(m.group(1)) + "</strong>");
        return LINK.matcher(s).replaceAll(m -> "<a href=\"" + Matcher.quoteReplacement(m.group(2)) + "\">"
                + Matcher.quoteReplacement(m.group(1)) + "</a>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
