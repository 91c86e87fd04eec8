package hub.knowledge.store;

/** pgvector's text form of a float vector ({@code [0.1,0.2,...]}), bound as a parameter and cast with ?::vector. */
final class Vectors {

    private Vectors() {
    }

    static String literal(float[] vector) {
        StringBuilder sb = new StringBuilder(vector.length * 11 + 2).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(vector[i]);
        }
        return sb.append(']').toString();
    }

    static float[] parse(String literal) {
        String body = literal.substring(1, literal.length() - 1);
        if (body.isEmpty()) {
            return new float[0];
        }
        String[] parts = body.split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }
}
