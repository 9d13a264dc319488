package kmlab.runs;

import java.util.Collection;

/** The hint an error about an unknown name ends with: the closest valid name, or all of them. */
public final class Suggestion {
    private Suggestion() {
    }

    /** " (did you mean 'x'?)" for the closest allowed name within a few edits, else " (valid NOUN: a, b, c)". */
    public static String of(String key, Collection<String> allowed, String noun) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String a : allowed) {
            int dist = distance(key.toLowerCase(java.util.Locale.ROOT), a);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = a;
            }
        }
        if (best != null && bestDistance <= Math.max(2, key.length() / 3)) {
            return " (did you mean '" + best + "'?)";
        }
        return " (valid " + noun + ": " + String.join(", ", allowed) + ")";
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
