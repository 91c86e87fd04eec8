// A fake Meta Graph API and OpenAI-compatible LLM for the benchmarks and fault scenarios: answers at
// once and costs next to no CPU, so the hub is what gets measured.
//   GET  /stats                      counts: replies, markRead, llmCalls, failures injected, other
//   GET  /answered                   one line per recipient: "<to> <wamid> <wamid> ...", the customer messages its
//                                    replies answered (the send's context.message_id), in the order the replies came
//   POST /faults?graph=M&llm=M       injects faults from now on: graph ok|500|timeout|stall, llm ok|429|500|slow
//                                    (slow: every completion takes 1 s, like a real model, so many turns are in flight)
//                                    (stall: of the messages sent, alternately one is delivered at once but answered 3 s
//                                    later, and one hangs unanswered and undelivered; read receipts are answered at once)
// With STATUS_WEBHOOK_URL and STATUS_APP_SECRET set, every accepted message is followed, as with Meta, by a signed
// "sent" status webhook carrying its biz_opaque_callback_data, retried every second until the hub takes it.
'use strict';
const http = require('http');
const crypto = require('crypto');

const port = Number(process.argv[2] || 18089);
const statusUrl = process.env.STATUS_WEBHOOK_URL;
const appSecret = process.env.STATUS_APP_SECRET;
const completion = JSON.stringify({
  id: 'chatcmpl-bench', object: 'chat.completion', created: 1764000000, model: 'gpt-4o-mini',
  choices: [{ index: 0, finish_reason: 'stop',
    message: { role: 'assistant', content: 'Abrimos de lunes a viernes de 9:00 a 18:00. ¿Algo más?' } }],
  usage: { prompt_tokens: 180, completion_tokens: 24, total_tokens: 204 },
});
const stats = { replies: 0, markRead: 0, llmCalls: 0, graphFailures: 0, llmFailures: 0, other: 0, statusesSent: 0, stalled: 0 };
const answered = new Map();
const faults = { graph: 'ok', llm: 'ok' };

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

// answers with the injected fault, or returns false when there is none
function fault(res, mode, counter) {
  if (mode === 'ok' || mode === 'stall' || mode === 'slow') return false;
  stats[counter]++;
  if (mode === 'timeout') return true; // never answered: the client's timeout fires
  if (mode === '429') {
    send(res, 429, '{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}');
  } else {
    send(res, 500, '{"error":{"message":"Internal error","type":"server_error","code":1}}');
  }
  return true;
}

// Meta's status webhook for a message it accepted; Meta retries a webhook the receiver did not take
function sendStatus(phoneNumberId, message, wamid, attempt = 1) {
  const status = { id: wamid, status: 'sent', timestamp: String(Math.floor(Date.now() / 1000)), recipient_id: message.to };
  if (message.biz_opaque_callback_data) status.biz_opaque_callback_data = message.biz_opaque_callback_data;
  const body = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '1', changes: [{ field: 'messages',
    value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '1', phone_number_id: phoneNumberId },
      statuses: [status] } }] }] });
  const signature = 'sha256=' + crypto.createHmac('sha256', appSecret).update(body).digest('hex');
  const retry = () => { if (attempt < 300) setTimeout(() => sendStatus(phoneNumberId, message, wamid, attempt + 1), 1000); };
  const req = http.request(statusUrl, { method: 'POST', headers: { 'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body), 'X-Hub-Signature-256': signature } }, (res) => {
    res.resume();
    if (res.statusCode === 200) stats.statusesSent++; else retry();
  });
  req.on('error', retry);
  req.end(body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const url = new URL(req.url, 'http://fake');
    if (req.method === 'GET' && url.pathname === '/stats') return send(res, 200, JSON.stringify({ ...stats, faults }));
    if (req.method === 'GET' && url.pathname === '/answered') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end([...answered].map(([to, wamids]) => `${to} ${wamids.join(' ')}\n`).join(''));
    }
    if (req.method === 'POST' && url.pathname === '/faults') {
      for (const key of ['graph', 'llm']) if (url.searchParams.has(key)) faults[key] = url.searchParams.get(key);
      return send(res, 200, JSON.stringify(faults));
    }
    if (req.method === 'POST' && url.pathname === '/v1/chat/completions') {
      stats.llmCalls++;
      if (fault(res, faults.llm, 'llmFailures')) return;
      if (faults.llm === 'slow') return setTimeout(() => send(res, 200, completion), 1000);
      return send(res, 200, completion);
    }
    if (req.method === 'POST' && /^\/v[0-9.]+\/[0-9]+\/messages$/.test(url.pathname)) {
      if (fault(res, faults.graph, 'graphFailures')) return;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (body.status) {
        stats.markRead++;
        return send(res, 200, '{"success":true}');
      }
      if (faults.graph === 'stall' && stats.stalled++ % 2 === 0) return; // undelivered: the client's timeout fires
      const answer = faults.graph === 'stall' ? (status, text) => setTimeout(() => send(res, status, text), 3000) : send.bind(null, res);
      stats.replies++;
      if (!answered.has(body.to)) answered.set(body.to, []);
      answered.get(body.to).push(body.context ? body.context.message_id : '-');
      const wamid = 'wamid.reply.' + crypto.randomUUID();
      if (statusUrl) setTimeout(() => sendStatus(url.pathname.split('/')[2], body, wamid), 20);
      return answer(200, JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: wamid }],
      }));
    }
    stats.other++;
    send(res, 404, '{"error":{"message":"not faked"}}');
  });
});
server.keepAliveTimeout = 60000;
server.listen(port, '127.0.0.1', () => console.log(`fake Meta + LLM on 127.0.0.1:${port}`));
