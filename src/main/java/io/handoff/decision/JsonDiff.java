package io.handoff.decision;

import java.util.List;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

/** Field-by-field differences between two JSON documents, as JSON pointers. */
final class JsonDiff {
    private JsonDiff() {
    }

    static void diff(String pointer, JsonNode recorded, JsonNode replayed, List<ReplayResult.Difference> out) {
        if (recorded != null && replayed != null && recorded.isObject() && replayed.isObject()) {
            TreeSet<String> names = new TreeSet<>(recorded.propertyNames());
            names.addAll(replayed.propertyNames());
            for (String name : names) {
                diff(pointer + "/" + name.replace("~", "~0").replace("/", "~1"), recorded.get(name), replayed.get(name), out);
            }
        } else if (recorded != null && replayed != null && recorded.isArray() && replayed.isArray()) {
            for (int i = 0; i < Math.max(recorded.size(), replayed.size()); i++) {
                diff(pointer + "/" + i, recorded.get(i), replayed.get(i), out);
            }
        } else if (recorded == null || replayed == null || !recorded.equals(replayed)) {
            out.add(new ReplayResult.Difference(pointer, text(recorded), text(replayed)));
        }
    }

    private static String text(JsonNode node) {
        return node == null ? "(absent)" : node.toString();
    }
}
