import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Knowledge search benchmark on synthetic but realistic data: 384-dimension unit vectors drawn from
 * a mixture of Gaussian clusters (shared by all chatbots, so the chatbot filter matters) and texts
 * whose words follow a Zipf law, with a few topic words per cluster.
 *
 *   load  — (re)creates the chunks: TOTAL rows, TARGET of them for the measured chatbot, the rest for
 *           one other big chatbot and chatbots of 5,000; sources of 100 chunks of all chatbots interleaved
 *           in the heap in random order; bulk-loaded with COPY, then the
 *           HNSW and GIN indexes are built and timed. Skipped when the data is already there.
 *   run   — QUERIES perturbed copies of the target chatbot's own chunks: exact top-5 (ground truth),
 *           the vector part (knowledge_nearest_chunks) for each EF_SEARCH value with recall@5, the
 *           full-text part and the full hybrid call (search_knowledge_hybrid), client-side latencies.
 *
 * Usage: java -cp PGJDBC_JAR KnowledgeSearchBench.java load|run
 * Env: BENCH_DB_URL (jdbc:postgresql://127.0.0.1:5432/hub_bench), BENCH_DB_USER (hub), TOTAL (300000),
 *      TARGET (100000), CLUSTERS (3000), QUERIES (200), EF_SEARCH (40,64,100,200), HYBRID_EF (64)
 */
public class KnowledgeSearchBench {

    static final int DIMS = 384;
    static final String MODEL = "bench-384";
    static final double CLUSTER_NOISE = 0.045;  // per dimension: a chunk is ~0.75 cosine from its centre
    static final double QUERY_NOISE = 0.04;     // a query is ~0.8 cosine from the chunk it paraphrases
    static final int CHUNKS_PER_SOURCE = 100;
    static final long SEED = 20261125L;

    static final String[] COMMON = ("the and of to a in is you that it for on with as are be this your or can we our from "
            + "by at an will not have if all do more how what when which their they there about also may any one other "
            + "time new use these only some please need get make each order service customer help information day days "
            + "price product account payment delivery return store contact team support policy within after before").split(" ");
    static final String[] CONSONANTS = "b c d f g h j k l m n p r s t v w x z q".split(" ");
    static final String[] VOWELS = "a e i o u".split(" ");

    final String url = env("BENCH_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hub_bench");
    final String user = env("BENCH_DB_USER", "hub");
    final int total = Integer.parseInt(env("TOTAL", "300000"));
    final int target = Integer.parseInt(env("TARGET", "100000"));
    final int clusters = Integer.parseInt(env("CLUSTERS", "3000"));
    final int queries = Integer.parseInt(env("QUERIES", "200"));

    float[][] centres;

    public static void main(String[] args) throws Exception {
        KnowledgeSearchBench bench = new KnowledgeSearchBench();
        switch (args.length > 0 ? args[0] : "run") {
            case "load" -> bench.load();
            case "run" -> bench.run();
            default -> throw new IllegalArgumentException("load | run");
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, env("BENCH_DB_PASSWORD", "hub"));
    }

    // ------------------------------------------------------------------------------------------ data

    static String syllables(int n, int min) {
        StringBuilder sb = new StringBuilder();
        int k = 0;
        do {
            int d = n % 100;
            n /= 100;
            sb.append(CONSONANTS[d / 5]).append(VOWELS[d % 5]);
            k++;
        } while (n > 0 || k < min);
        return sb.toString();
    }

    static String generalWord(int i) {
        return syllables(i, 2);
    }

    /** Topic words: 3-syllable words ending in "n", so they never collide with general words. */
    static String topicWord(int cluster, int j) {
        return syllables(cluster * 4 + j + 7, 3) + "n";
    }

    static final int GENERAL_WORDS = 20000;

    /** Zipf sampler by inverse CDF over precomputed cumulative weights. */
    static final class Zipf {
        final double[] cdf;

        Zipf(int n, double s) {
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1 / Math.pow(i + 1, s);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cdf[i] /= sum;
            }
        }

        int next(Random r) {
            int i = Arrays.binarySearch(cdf, r.nextDouble());
            return i >= 0 ? i : Math.min(-i - 1, cdf.length - 1);
        }
    }

    String chunkText(Random r, int cluster, Zipf common, Zipf general) {
        StringBuilder sb = new StringBuilder(900);
        int words = 110 + r.nextInt(40);
        for (int w = 0; w < words; w++) {
            double p = r.nextDouble();
            String word = p < 0.35 ? COMMON[common.next(r)] : p < 0.82 ? generalWord(general.next(r)) : topicWord(cluster, r.nextInt(6));
            if (w > 0) {
                sb.append(w % 14 == 0 ? ". " : " ");
            }
            sb.append(word);
        }
        return sb.append('.').toString();
    }

    void makeCentres() {
        Random r = new Random(SEED);
        centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            float[] v = new float[DIMS];
            for (int i = 0; i < DIMS; i++) {
                v[i] = (float) r.nextGaussian();
            }
            centres[c] = normalise(v);
        }
    }

    static float[] normalise(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float inv = (float) (1 / Math.sqrt(n));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    static float[] perturb(float[] base, double sigma, Random r) {
        float[] v = new float[base.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (base[i] + sigma * r.nextGaussian());
        }
        return normalise(v);
    }

    static String vectorText(float[] v) {
        StringBuilder sb = new StringBuilder(v.length * 11);
        sb.append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(v[i]);
        }
        return sb.append(']').toString();
    }

    static float[] parseVector(String s) {
        String[] parts = s.substring(1, s.length() - 1).split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return v;
    }

    static String copyEscape(String s) {
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    void load() throws Exception {
        String signature = "v3 total=" + total + " target=" + target + " clusters=" + clusters;
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS bench_knowledge_meta (signature text, target_chatbot uuid, loaded_at timestamptz DEFAULT now())");
            try (ResultSet rs = st.executeQuery("SELECT signature FROM bench_knowledge_meta")) {
                if (rs.next() && signature.equals(rs.getString(1))) {
                    System.out.println("LOAD skipped: data already loaded (" + signature + ")");
                    return;
                }
            }
            st.execute("TRUNCATE bench_knowledge_meta");
            st.execute("TRUNCATE organizations CASCADE");
        }
        makeCentres();
        // chatbots: the target, one other big one, the rest in bots of 5,000 chunks
        List<Integer> sizes = new ArrayList<>();
        sizes.add(target);
        int rest = total - target;
        int otherBig = Math.min(rest, target);
        sizes.add(otherBig);
        rest -= otherBig;
        while (rest > 0) {
            sizes.add(Math.min(5000, rest));
            rest -= Math.min(5000, rest);
        }
        int bots = sizes.size();
        UUID[] chatbot = new UUID[bots];
        List<List<UUID>> sources = new ArrayList<>();
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement org = c.prepareStatement("INSERT INTO organizations (name, plan_tier) VALUES (?, 'enterprise') RETURNING id");
                 PreparedStatement bot = c.prepareStatement("INSERT INTO chatbots (organization_id, name, whatsapp_phone_number_id, rag_enabled) VALUES (?, ?, ?, true) RETURNING id");
                 PreparedStatement src = c.prepareStatement("""
                         INSERT INTO knowledge_sources (organization_id, chatbot_id, source_type, name, sync_status, embedding_model, embedding_dimensions)
                         VALUES (?, ?, 'text', ?, 'synced', ?, ?) RETURNING id""")) {
                for (int b = 0; b < bots; b++) {
                    org.setString(1, "Bench org " + b);
                    UUID orgId = single(org);
                    bot.setObject(1, orgId);
                    bot.setString(2, "Bench bot " + b);
                    bot.setString(3, "bench-" + (900000000000L + b));
                    chatbot[b] = single(bot);
                    List<UUID> ids = new ArrayList<>();
                    for (int s = 0; s * CHUNKS_PER_SOURCE < sizes.get(b); s++) {
                        src.setObject(1, orgId);
                        src.setObject(2, chatbot[b]);
                        src.setString(3, "Document " + s);
                        src.setString(4, MODEL);
                        src.setInt(5, DIMS);
                        ids.add(single(src));
                    }
                    sources.add(ids);
                }
            }
            c.commit();
        }
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("DROP INDEX IF EXISTS document_chunks_embedding_384_hnsw_idx");
            st.execute("DROP INDEX IF EXISTS document_chunks_content_tsv_idx");
            // sources of all chatbots interleaved, as a table filled over time would be: the chunks of one
            // source are written together (one replaceChunks), so they sit together in the heap
            List<int[]> blocks = new ArrayList<>();  // {chatbot, chunks}
            for (int b = 0; b < bots; b++) {
                for (int left = sizes.get(b); left > 0; left -= CHUNKS_PER_SOURCE) {
                    blocks.add(new int[] {b, Math.min(CHUNKS_PER_SOURCE, left)});
                }
            }
            Random r = new Random(SEED + 1);
            java.util.Collections.shuffle(blocks, r);
            int[] owner = new int[total];
            int k = 0;
            for (int[] block : blocks) {
                for (int i = 0; i < block[1]; i++) {
                    owner[k++] = block[0];
                }
            }
            int[] next = new int[bots];
            Zipf common = new Zipf(COMMON.length, 1.0);
            Zipf general = new Zipf(GENERAL_WORDS, 1.1);
            long t0 = System.nanoTime();
            CopyIn copy = ((PGConnection) c.unwrap(PGConnection.class)).getCopyAPI().copyIn("""
                    COPY document_chunks (knowledge_source_id, chatbot_id, chunk_index, content, embedding, embedding_model,
                                          text_search_config, metadata) FROM STDIN""");
            StringBuilder buf = new StringBuilder(1 << 20);
            for (int i = 0; i < total; i++) {
                int b = owner[i];
                int n = next[b]++;
                UUID source = sources.get(b).get(n / CHUNKS_PER_SOURCE);
                int cluster = r.nextInt(clusters);
                float[] v = perturb(centres[cluster], CLUSTER_NOISE, r);
                buf.append(source).append('\t').append(chatbot[b]).append('\t').append(n % CHUNKS_PER_SOURCE).append('\t')
                        .append(copyEscape(chunkText(r, cluster, common, general))).append('\t').append(vectorText(v)).append('\t')
                        .append(MODEL).append("\tsimple\t{\"cluster\": ").append(cluster).append("}\n");
                if (buf.length() > (1 << 20) - 8192 || i == total - 1) {
                    byte[] bytes = buf.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    buf.setLength(0);
                }
            }
            long rows = copy.endCopy();
            System.out.printf(Locale.ROOT, "LOAD rows=%d copy_seconds=%.1f%n", rows, (System.nanoTime() - t0) / 1e9);

            st.execute("SET maintenance_work_mem = '4GB'");
            st.execute("SET max_parallel_maintenance_workers = 2");
            t0 = System.nanoTime();
            st.execute("""
                    CREATE INDEX document_chunks_embedding_384_hnsw_idx ON document_chunks
                        USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE embedding_dimensions = 384""");
            System.out.printf(Locale.ROOT, "RESULT hnsw_build_seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            st.execute("CREATE INDEX document_chunks_content_tsv_idx ON document_chunks USING gin (content_tsv)");
            System.out.printf(Locale.ROOT, "RESULT gin_build_seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            st.execute("VACUUM ANALYZE document_chunks");
            st.execute("ANALYZE knowledge_sources");
            System.out.printf(Locale.ROOT, "LOAD vacuum_analyze_seconds=%.1f%n", (System.nanoTime() - t0) / 1e9);
            try (PreparedStatement meta = c.prepareStatement("INSERT INTO bench_knowledge_meta (signature, target_chatbot) VALUES (?, ?)")) {
                meta.setString(1, signature);
                meta.setObject(2, chatbot[0]);
                meta.executeUpdate();
            }
        }
    }

    static UUID single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getObject(1, UUID.class);
        }
    }

    // ------------------------------------------------------------------------------------------ run

    record Query(String vector, String text) {
    }

    void run() throws Exception {
        makeCentres();
        try (Connection c = connect(); Statement st = c.createStatement()) {
            UUID chatbot;
            try (ResultSet rs = st.executeQuery("SELECT target_chatbot FROM bench_knowledge_meta")) {
                if (!rs.next()) {
                    throw new IllegalStateException("no data: run `load` first");
                }
                chatbot = rs.getObject(1, UUID.class);
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT (SELECT count(*) FROM document_chunks),
                           pg_size_pretty(pg_total_relation_size('document_chunks')),
                           pg_size_pretty(pg_relation_size('document_chunks')),
                           pg_size_pretty(pg_relation_size('document_chunks_embedding_384_hnsw_idx')),
                           pg_size_pretty(pg_relation_size('document_chunks_content_tsv_idx'))""")) {
                rs.next();
                System.out.printf("RESULT rows=%d total_size=%s heap=%s hnsw_index=%s gin_index=%s%n",
                        rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5));
            }

            // the target chatbot's chunks, for the queries and the exact ground truth (brute force here:
            // an exact scan in PostgreSQL reads the chatbot's rows all over the heap and takes seconds)
            List<String> ids = new ArrayList<>();
            List<float[]> vectors = new ArrayList<>();
            List<Integer> clusterOf = new ArrayList<>();
            long readStart = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id::text, embedding::text, (metadata->>'cluster')::int FROM document_chunks WHERE chatbot_id = ?""")) {
                ps.setObject(1, chatbot);
                ps.setFetchSize(5000);
                c.setAutoCommit(false);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                        vectors.add(parseVector(rs.getString(2)));
                        clusterOf.add(rs.getInt(3));
                    }
                }
                c.commit();
                c.setAutoCommit(true);
            }
            System.out.printf(Locale.ROOT, "READ %d chunks of the target chatbot in %.1f s%n", ids.size(), (System.nanoTime() - readStart) / 1e9);

            // queries: perturbed copies of the target chatbot's own chunks, with two of their topic words
            Random r = new Random(SEED + 2);
            List<Query> qs = new ArrayList<>();
            List<float[]> qvs = new ArrayList<>();
            for (int i = 0; i < queries; i++) {
                int pick = r.nextInt(ids.size());
                float[] q = perturb(vectors.get(pick), QUERY_NOISE, r);
                int cluster = clusterOf.get(pick);
                String text = COMMON[r.nextInt(12)] + " " + topicWord(cluster, r.nextInt(6)) + " " + topicWord(cluster, r.nextInt(6));
                qs.add(new Query(vectorText(q), text));
                qvs.add(q);
            }

            // ground truth: exact top 5 by cosine distance over all the chatbot's chunks
            List<Set<String>> truth = new ArrayList<>();
            for (float[] q : qvs) {
                truth.add(exactTop5(q, ids, vectors));
            }

            // what an exact scan costs in PostgreSQL at this size (a few queries only)
            long[] exactNs = new long[5];
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id::text FROM document_chunks WHERE chatbot_id = ? AND embedding_dimensions = 384
                     ORDER BY embedding <=> ?::vector, id LIMIT 5""")) {
                double agree = 0;
                for (int i = 0; i < exactNs.length; i++) {
                    ps.setObject(1, chatbot);
                    ps.setString(2, qs.get(i).vector());
                    long t1 = System.nanoTime();
                    List<String> got = ids(ps);
                    exactNs[i] = System.nanoTime() - t1;
                    agree += got.stream().filter(truth.get(i)::contains).count() / 5.0;
                }
                report("exact scan in PostgreSQL (" + ids.size() + " chunks, 5 queries)", exactNs, agree / exactNs.length);
            }

            // vector part, per ef_search
            for (String efText : env("EF_SEARCH", "40,64,100,200").split(",")) {
                int ef = Integer.parseInt(efText.trim());
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT chunk_id::text FROM knowledge_nearest_chunks(?, ?::vector, 5, ?, ?, NULL)")) {
                    long[] ns = new long[qs.size()];
                    double recall = 0;
                    for (int pass = 0; pass < 2; pass++) {  // pass 0 warms the cache
                        recall = 0;
                        for (int i = 0; i < qs.size(); i++) {
                            ps.setObject(1, chatbot);
                            ps.setString(2, qs.get(i).vector());
                            ps.setString(3, MODEL);
                            ps.setInt(4, ef);
                            long t0 = System.nanoTime();
                            List<String> got = ids(ps);
                            ns[i] = System.nanoTime() - t0;
                            recall += got.stream().filter(truth.get(i)::contains).count() / 5.0;
                        }
                    }
                    report("vector part, ef_search=" + ef, ns, recall / qs.size());
                }
            }

            // full-text part and the full hybrid call
            int hybridEf = Integer.parseInt(env("HYBRID_EF", "64"));
            try (PreparedStatement text = c.prepareStatement("SELECT chunk_id FROM search_knowledge_base_text(?, ?, 40, NULL)");
                 PreparedStatement hybrid = c.prepareStatement("""
                         SELECT chunk_id::text FROM search_knowledge_hybrid(?, ?::vector, ?, 5, NULL, ?, 40, 60, ?, NULL)""")) {
                long[] textNs = new long[qs.size()];
                long[] hybridNs = new long[qs.size()];
                double recall = 0;
                for (int pass = 0; pass < 2; pass++) {
                    recall = 0;
                    for (int i = 0; i < qs.size(); i++) {
                        text.setObject(1, chatbot);
                        text.setString(2, qs.get(i).text());
                        long t0 = System.nanoTime();
                        ids(text);
                        textNs[i] = System.nanoTime() - t0;

                        hybrid.setObject(1, chatbot);
                        hybrid.setString(2, qs.get(i).vector());
                        hybrid.setString(3, qs.get(i).text());
                        hybrid.setString(4, MODEL);
                        hybrid.setInt(5, hybridEf);
                        t0 = System.nanoTime();
                        List<String> got = ids(hybrid);
                        hybridNs[i] = System.nanoTime() - t0;
                        recall += got.stream().filter(truth.get(i)::contains).count() / 5.0;
                    }
                }
                report("full-text part (simple config, 40 candidates)", textNs, -1);
                report("hybrid call, ef_search=" + hybridEf + " (share of exact vector top-5)", hybridNs, recall / qs.size());
            }

            // a small chatbot (5,000 chunks) in the same table: the automatic choice (an exact scan at this size)
            // against the HNSW index with its filter, forced (exact_scan_limit 0)
            UUID small;
            try (ResultSet rs = st.executeQuery("""
                    SELECT chatbot_id FROM knowledge_sources GROUP BY chatbot_id HAVING sum(chunks_count) = 5000
                     ORDER BY chatbot_id LIMIT 1""")) {
                small = rs.next() ? rs.getObject(1, UUID.class) : null;
            }
            if (small != null) {
                List<String> smallIds = new ArrayList<>();
                List<float[]> smallVectors = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id::text, embedding::text FROM document_chunks WHERE chatbot_id = ?")) {
                    ps.setObject(1, small);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            smallIds.add(rs.getString(1));
                            smallVectors.add(parseVector(rs.getString(2)));
                        }
                    }
                }
                int n = Math.min(100, queries);
                List<String> smallQueries = new ArrayList<>();
                List<Set<String>> smallTruth = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    float[] q = perturb(smallVectors.get(r.nextInt(smallVectors.size())), QUERY_NOISE, r);
                    smallQueries.add(vectorText(q));
                    smallTruth.add(exactTop5(q, smallIds, smallVectors));
                }
                for (int limit : new int[] {-1, 0}) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "SELECT chunk_id::text FROM knowledge_nearest_chunks(?, ?::vector, 5, ?, ?, ?)")) {
                        long[] ns = new long[n];
                        double recall = 0;
                        for (int pass = 0; pass < 2; pass++) {
                            recall = 0;
                            for (int i = 0; i < n; i++) {
                                ps.setObject(1, small);
                                ps.setString(2, smallQueries.get(i));
                                ps.setString(3, MODEL);
                                ps.setInt(4, hybridEf);
                                if (limit < 0) {
                                    ps.setNull(5, java.sql.Types.INTEGER);
                                } else {
                                    ps.setInt(5, limit);
                                }
                                long t1 = System.nanoTime();
                                List<String> got = ids(ps);
                                ns[i] = System.nanoTime() - t1;
                                recall += got.stream().filter(smallTruth.get(i)::contains).count() / 5.0;
                            }
                        }
                        report("small chatbot (5,000 chunks), " + (limit < 0 ? "automatic = exact scan" : "HNSW forced, ef_search=" + hybridEf), ns, recall / n);
                    }
                }
            }

            // the plan of the vector part's index statement, with the function's settings
            c.setAutoCommit(false);
            st.execute("SET LOCAL hnsw.iterative_scan = relaxed_order");
            st.execute("SET LOCAL hnsw.ef_search = " + hybridEf);
            try (PreparedStatement ps = c.prepareStatement("""
                    EXPLAIN (ANALYZE, BUFFERS, COSTS OFF)
                    SELECT dc.id, dc.embedding::vector(384) <=> ?::vector(384) AS distance
                      FROM document_chunks dc
                     WHERE dc.chatbot_id = ? AND dc.embedding_dimensions = 384 AND dc.embedding_model = ?
                     ORDER BY dc.embedding::vector(384) <=> ?::vector(384)
                     LIMIT ?""")) {
                ps.setString(1, qs.get(0).vector());
                ps.setObject(2, chatbot);
                ps.setString(3, MODEL);
                ps.setString(4, qs.get(0).vector());
                ps.setInt(5, hybridEf);
                System.out.println("PLAN of the vector part's index statement (ef_search=" + hybridEf + "):");
                for (String line : ids(ps)) {
                    System.out.println("PLAN   " + (line.length() > 150 ? line.substring(0, 150) + "..." : line));
                }
            }
            c.rollback();
            System.out.println("QUERY " + qs.get(0).text());
            System.out.println("QVEC " + qs.get(0).vector());
            System.out.println("CHATBOT " + chatbot);
        }
    }

    static Set<String> exactTop5(float[] q, List<String> ids, List<float[]> vectors) {
        int[] best = new int[5];
        double[] bestSim = {-2, -2, -2, -2, -2};
        for (int j = 0; j < vectors.size(); j++) {
            float[] v = vectors.get(j);
            double dot = 0, nv = 0, nq = 0;
            for (int d = 0; d < DIMS; d++) {
                dot += q[d] * v[d];
                nv += v[d] * v[d];
                nq += q[d] * q[d];
            }
            double sim = dot / Math.sqrt(nv * nq);
            if (sim > bestSim[4]) {
                int k = 4;
                while (k > 0 && sim > bestSim[k - 1]) {
                    bestSim[k] = bestSim[k - 1];
                    best[k] = best[k - 1];
                    k--;
                }
                bestSim[k] = sim;
                best[k] = j;
            }
        }
        Set<String> top = new HashSet<>();
        for (int b : best) {
            top.add(ids.get(b));
        }
        return top;
    }

    static List<String> ids(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static void report(String what, long[] ns, double recall) {
        long[] sorted = ns.clone();
        Arrays.sort(sorted);
        double p50 = sorted[(int) Math.floor(0.50 * (sorted.length - 1))] / 1e6;
        double p99 = sorted[(int) Math.ceil(0.99 * (sorted.length - 1))] / 1e6;
        double max = sorted[sorted.length - 1] / 1e6;
        System.out.printf(Locale.ROOT, "RESULT %-55s p50=%7.2f ms  p99=%7.2f ms  max=%7.2f ms%s%n", what, p50, p99, max,
                recall >= 0 ? String.format(Locale.ROOT, "  recall@5=%.3f", recall) : "");
    }
}
