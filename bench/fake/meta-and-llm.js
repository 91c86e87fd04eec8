// A fake Meta Graph API and OpenAI-compatible LLM for the benchmarks and fault scenarios: answers at
// once and costs next to no CPU, so the hub is what gets measured.
//   GET  /stats                      counts: replies, markRead, llmCalls, failures injected, other
//   GET  /replies                    one line per recipient: "<to> <replies received>" (duplicates show as > 1)
//   POST /faults?graph=M&llm=M       injects faults from now on: graph ok|500|timeout, llm ok|429|500
'use strict';
const http = require('http');
const crypto = require('crypto');

const port = Number(process.argv[2] || 18089);
const completion = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1764000000, model: 'gpt-4o-mini',
  choices: [{ index: 0, finish_reason: 'stop',
    message: { role: 'assistant', content: 'Abrimos de lunes a viernes de 9:00 a 18:00. ¿Algo más?' } }],
  usage: { prompt_tokens: 180, completion_tokens: 24, total_tokens: 204 },
});
const stats = { replies: 0, markRead: 0, llmCalls: 0, graphFailures: 0, llmFailures: 0, other: 0 };
const repliesTo = new Map();
const faults = { graph: 'ok', llm: 'ok' };

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

// answers with the injected fault, or returns false when there is none
function fault(res, mode, counter) {
  if (mode === 'ok') return false;
  stats[counter]++;
  if (mode === 'timeout') return true; // never answered: the client's timeout fires
  if (mode === '429') {
    send(res, 429, '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}');
  } else {
    send(res, 500, '{"error":{"message":"Internal error","type":"server_error","code":1}}');
  }
  return true;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://fake');
    if (req.method === 'GET' && url.pathname === '/stats') return send(res, 200, JSON.stringify({ ...stats, faults }));
    if (req.method === 'GET' && url.pathname === '/replies') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end([...repliesTo].map(([to, n]) => `${to} ${n}\n`).join(''));
    }
    if (req.method === 'POST' && url.pathname === '/faults') {
      for (const key of ['graph', 'llm']) if (url.searchParams.has(key)) faults[key] = url.searchParams.get(key);
      return send(res, 200, JSON.stringify(faults));
    }
    if (req.method === 'POST' && url.pathname === '/v1/chat/completions') {
      stats.llmCalls++;
      if (fault(res, faults.llm, 'llmFailures')) return;
      return send(res, 200, completion);
    }
    if (req.method === 'POST' && /^\/v[0-9.]+\/[0-9]+\/messages$/.test(url.pathname)) {
      if (fault(res, faults.graph, 'graphFailures')) return;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (body.status) {
        stats.markRead++;
        return send(res, 200, '{"success":true}');
      }
      stats.replies++;
      repliesTo.set(body.to, (repliesTo.get(body.to) || 0) + 1);
      return send(res, 200, JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: 'wamid.reply.' + crypto.randomUUID() }],
      }));
    }
    stats.other++;
    send(res, 404, '{"error":{"message":"not faked"}}');
  });
});
server.keepAliveTimeout = 60000;
server.listen(port, '127.0.0.1', () => console.log(`fake Meta + LLM on 127.0.0.1:${port}`));
