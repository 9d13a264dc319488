package kmlab.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON reads back, through Gson, as what was written. */
class JsonTest {
    @Test
    void roundTripsEveryKindOfValue() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"quoted\" \\ path\nwith\ttabs and \u0001 control, ünïcode");
        m.put("i", 42);
        m.put("l", 1L << 40);
        m.put("d", 225268.94721563166);
        m.put("tiny", 5.121E-6);
        m.put("nan", Double.NaN);
        m.put("b", true);
        m.put("null", null);
        m.put("list", Arrays.asList(1, "two", null, List.of(3.5)));
        m.put("map", Map.of("k", 7));
        String json = Json.of(m);
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(m.get("s"), o.get("s").getAsString());
        assertEquals(42, o.get("i").getAsInt());
        assertEquals(1L << 40, o.get("l").getAsLong());
        assertEquals(225268.94721563166, o.get("d").getAsDouble());
        assertEquals(5.121E-6, o.get("tiny").getAsDouble());
        assertEquals(true, o.get("nan").isJsonNull(), "NaN has no JSON: null");
        assertEquals(true, o.get("b").getAsBoolean());
        assertEquals(true, o.get("null").isJsonNull());
        assertEquals("two", o.getAsJsonArray("list").get(1).getAsString());
        assertEquals(true, o.getAsJsonArray("list").get(2).isJsonNull());
        assertEquals(3.5, o.getAsJsonArray("list").get(3).getAsJsonArray().get(0).getAsDouble());
        assertEquals(7, o.getAsJsonObject("map").get("k").getAsInt());
        assertEquals(List.copyOf(m.keySet()), List.copyOf(o.keySet()), "keys in insertion order");
    }

    @Test
    void refusesWhatItCannotWrite() {
        assertThrows(IllegalArgumentException.class, () -> Json.of(Map.of("x", new Object())));
    }
}
