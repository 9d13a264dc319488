package kmlab.grid;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML file as a tree of nodes with positions, never as objects: the file is composed,
 * not constructed, so no tag can instantiate a class, and any tag beyond YAML's plain types is
 * refused. Typed accessors report file, line and column, and unknown keys come with the closest
 * valid one.
 */
final class YamlTree {
    private static final Set<Tag> PLAIN = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.SEQ, Tag.MAP);

    private final Path file;

    YamlTree(Path file) {
        this.file = file;
    }

    /** The root node of the file, checked for tags. */
    Node read() throws GridException {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(1 << 20);
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node root = new Yaml(options).compose(r);
            if (root == null) {
                throw new GridException(file, "empty grid file");
            }
            checkTags(root);
            return root;
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark();
            throw new GridException(file, mark.getLine() + 1, mark.getColumn() + 1, "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            throw new GridException(file, "not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw new GridException(file, Files.exists(file) ? "cannot read: " + e.getMessage() : "no such file");
        }
    }

    private void checkTags(Node node) throws GridException {
        if (!PLAIN.contains(node.getTag())) {
            throw error(node, "tag '" + node.getTag().getValue() + "' is not allowed (plain YAML values only)");
        }
        switch (node) {
            case MappingNode m -> {
                for (NodeTuple t : m.getValue()) {
                    checkTags(t.getKeyNode());
                    checkTags(t.getValueNode());
                }
            }
            case SequenceNode s -> {
                for (Node n : s.getValue()) {
                    checkTags(n);
                }
            }
            default -> {
            }
        }
    }

    GridException error(Node at, String problem) {
        return new GridException(file, at.getStartMark().getLine() + 1, at.getStartMark().getColumn() + 1, problem);
    }

    /** The mapping's entries by key, in file order; every key must be one of {@code allowed}. */
    Map<String, Node> mapping(Node node, String what, Collection<String> allowed) throws GridException {
        if (!(node instanceof MappingNode m)) {
            throw error(node, what + " must be a mapping of keys to values");
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String key = scalar(t.getKeyNode(), "a key");
            if (!allowed.contains(key)) {
                throw error(t.getKeyNode(), "unknown key '" + key + "' in " + what + suggestion(key, allowed, "keys"));
            }
            if (out.put(key, t.getValueNode()) != null) {
                throw error(t.getKeyNode(), "key '" + key + "' given twice in " + what);
            }
        }
        return out;
    }

    Node required(Map<String, Node> map, String key, Node parent, String what) throws GridException {
        Node n = map.get(key);
        if (n == null) {
            throw error(parent, what + " needs '" + key + "'");
        }
        return n;
    }

    String scalar(Node node, String what) throws GridException {
        if (!(node instanceof ScalarNode s) || node.getTag().equals(Tag.NULL)) {
            throw error(node, what + " must be a single value");
        }
        return s.getValue();
    }

    long integer(Node node, String what, long min, long max) throws GridException {
        if (!node.getTag().equals(Tag.INT)) {
            throw error(node, what + " must be a whole number, not '" + describe(node) + "'");
        }
        long v;
        try {
            v = Long.parseLong(((ScalarNode) node).getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a whole number, not '" + describe(node) + "'");
        }
        if (v < min || v > max) {
            throw error(node, what + " must be in " + min + ".." + max + ", not " + v);
        }
        return v;
    }

    double number(Node node, String what, double min) throws GridException {
        if (!node.getTag().equals(Tag.INT) && !node.getTag().equals(Tag.FLOAT)) {
            throw error(node, what + " must be a number, not '" + describe(node) + "'");
        }
        double v;
        try {
            v = Double.parseDouble(((ScalarNode) node).getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            // YAML 1.1's floats include .inf, .nan and base 60 (1:30.5), which Java's syntax has not
            throw error(node, what + " must be a finite number >= " + min + ", not '" + describe(node) + "'");
        }
        if (!(v >= min) || Double.isInfinite(v)) {
            throw error(node, what + " must be a finite number >= " + min + ", not " + v);
        }
        return v;
    }

    /** A single value or a list of values, each read by {@code item}. */
    <T> List<T> oneOrMany(Node node, Item<T> item) throws GridException {
        List<T> out = new ArrayList<>();
        if (node instanceof SequenceNode s) {
            if (s.getValue().isEmpty()) {
                throw error(node, "an empty list");
            }
            for (Node n : s.getValue()) {
                out.add(item.read(n));
            }
        } else {
            out.add(item.read(node));
        }
        return out;
    }

    /** Reads one value of a list. */
    @FunctionalInterface
    interface Item<T> {
        T read(Node node) throws GridException;
    }

    private static String describe(Node node) {
        return node instanceof ScalarNode s ? s.getValue() : node.getNodeId().name().toLowerCase(java.util.Locale.ROOT);
    }

    static String suggestion(String key, Collection<String> allowed, String noun) {
        return kmlab.runs.Suggestion.of(key, allowed, noun);
    }
}
