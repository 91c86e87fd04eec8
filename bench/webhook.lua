-- wrk script: POSTs pre-signed single-message webhooks, each wamid once across all threads.
-- BODIES names the file written by src/GenerateSignedWebhooks.java.
-- THREADS must equal wrk's -t: thread k sends bodies k+1, k+1+THREADS, k+1+2*THREADS, ...
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  nthreads = tonumber(os.getenv("THREADS") or "2")
  sigs, bodies = {}, {}
  local n = 0
  for line in io.lines(os.getenv("BODIES")) do
    local tab = line:find("\t", 1, true)
    n = n + 1
    sigs[n] = line:sub(1, tab - 1)
    bodies[n] = line:sub(tab + 1)
  end
  total = n
  next_index = id + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  local i = next_index
  if i > total then
    i = ((i - 1) % total) + 1  -- out of bodies: repeats (counted as duplicates by the verifier)
  end
  next_index = next_index + nthreads
  wrk.headers["X-Hub-Signature-256"] = sigs[i]
  return wrk.format(nil, "/webhook", nil, bodies[i])
end

function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d non2xx=%d socket_errors=%d duration_s=%.2f rps=%.0f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f\n",
    summary.requests, summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
