package kmlab.util;

/**
 * An error message as the one line a user sees: the control characters and line separators a
 * file's text can carry into it (a cell's {@code \r}, a YAML key's escaped newline, a terminal's
 * escape sequence) written as escapes, so a message can neither break its line nor drive the terminal.
 */
public final class OneLine {
    private OneLine() {
    }

    public static String of(String s) {
        if (s == null || s.chars().noneMatch(OneLine::escaped)) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (escaped(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean escaped(int c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
