// A fake Meta Graph API and OpenAI-compatible LLM for the conversation benchmark: answers at once and
// costs next to no CPU, so the hub is what gets measured. GET /stats counts the replies it received.
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
const stats = { replies: 0, markRead: 0, llmCalls: 0, other: 0 };

function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (req.method === 'GET' && req.url === '/stats') return send(res, 200, JSON.stringify(stats));
    if (req.method === 'POST' && req.url === '/v1/chat/completions') {
      stats.llmCalls++;
      return send(res, 200, completion);
    }
    if (req.method === 'POST' && /^\/v[0-9.]+\/[0-9]+\/messages$/.test(req.url)) {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      if (body.status) {
        stats.markRead++;
        return send(res, 200, '{"success":true}');
      }
      stats.replies++;
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
