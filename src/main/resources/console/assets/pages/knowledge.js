// Knowledge: sources with live progress, uploads by drag and drop, URLs, crawls, quotas and a question box.
import { api } from '../api.js';
import { chatbotPicker, chosenChatbot, noChatbot } from '../chatbots.js';
import { on } from '../events.js';
import { t } from '../i18n.js';
import { badge, button, codeText, confirmAction, dateTime, errorText, field, fileSize, h, meter, number, replace, showError, toast } from '../ui.js';

const BUSY = new Set(['pending', 'processing']);

export async function render(main, context) {
  const { chatbots, chatbot } = await chosenChatbot();
  if (!chatbot) return replace(main, noChatbot());
  const base = `/api/chatbots/${chatbot.id}/knowledge`;
  const sourcesBody = h('tbody', { id: 'sources' });
  const quota = h('div', { class: 'quota', id: 'knowledge-quota' });
  const uploads = h('ul', { class: 'upload-results', 'aria-live': 'polite' });
  const limits = h('small', { class: 'hint', id: 'upload-limits' });
  let maxFileBytes = null;

  const fileInput = h('input', { type: 'file', multiple: true, id: 'knowledge-files', class: 'visually-hidden',
    accept: '.pdf,.docx,.html,.htm,.md,.markdown,.txt,application/pdf' });
  const drop = h('div', { class: 'dropzone', id: 'dropzone' },
    h('p', { text: t('knowledge.drop') }),
    h('label', { for: 'knowledge-files', class: 'button secondary', tabindex: 0, role: 'button', text: t('knowledge.choose_files') }),
    fileInput, limits, uploads);
  drop.querySelector('label').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      fileInput.click();
    }
  });
  ['dragenter', 'dragover'].forEach((type) => drop.addEventListener(type, (event) => {
    event.preventDefault();
    drop.classList.add('over');
  }));
  ['dragleave', 'drop'].forEach((type) => drop.addEventListener(type, () => drop.classList.remove('over')));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    upload([...event.dataTransfer.files]);
  });
  fileInput.addEventListener('change', () => {
    upload([...fileInput.files]);
    fileInput.value = '';
  });

  async function upload(files) {
    for (const file of files) {
      const line = h('li', { text: `${file.name}: ${t('knowledge.uploading')}` });
      uploads.append(line);
      if (maxFileBytes !== null && file.size > maxFileBytes) {
        line.textContent = `${file.name}: ${t('knowledge.too_large', { size: fileSize(maxFileBytes) })}`;
        line.className = 'error-text';
        continue;
      }
      const form = new FormData();
      form.append('file', file, file.name);
      try {
        await api.post(`${base}/upload`, form);
        line.textContent = `${file.name}: ${t('knowledge.accepted')}`;
        line.className = 'ok';
      } catch (error) {
        line.textContent = `${file.name}: ${error.code === 'payload_too_large' && maxFileBytes !== null
          ? t('knowledge.too_large', { size: fileSize(maxFileBytes) }) : errorText(error)}`;
        line.className = 'error-text';
      }
    }
    await Promise.all([loadSources(), loadQuota()]);
  }

  const urlInput = h('input', { type: 'url', id: 'knowledge-url', required: true, placeholder: 'https://' });
  const urlForm = h('form', { class: 'inline-form' }, field(t('knowledge.add_url'), urlInput),
    h('button', { type: 'submit', class: 'secondary' }, t('knowledge.add')));
  urlForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.post(`${base}/url`, { url: urlInput.value.trim() });
      urlInput.value = '';
      toast(t('knowledge.accepted'));
      await Promise.all([loadSources(), loadQuota()]);
    } catch (error) {
      showError(error);
    }
  });

  const crawlInput = h('input', { type: 'url', id: 'crawl-url', required: true, placeholder: 'https://' });
  const keywords = h('input', { id: 'crawl-keywords', placeholder: t('knowledge.keywords_placeholder') });
  const crawlResults = h('div', { class: 'crawl-results', id: 'crawl-results' });
  const crawlForm = h('form', { class: 'inline-form' }, field(t('knowledge.crawl_site'), crawlInput),
    field(t('knowledge.keywords'), keywords), h('button', { type: 'submit', class: 'secondary' }, t('knowledge.crawl')));
  crawlForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    replace(crawlResults, h('p', { class: 'muted', text: t('knowledge.crawling') }));
    try {
      const result = await api.post(`${base}/crawl`, {
        base_url: crawlInput.value.trim(),
        filter_keywords: keywords.value.split(',').map((word) => word.trim()).filter(Boolean),
      });
      showCrawl(result);
    } catch (error) {
      replace(crawlResults);
      showError(error);
    }
  });

  function showCrawl(result) {
    const boxes = result.pages.map((page) => h('input', { type: 'checkbox', value: page.url, checked: page.suggested }));
    const ingest = button(t('knowledge.ingest_selected'), async () => {
      const urls = boxes.filter((box) => box.checked).map((box) => box.value);
      if (!urls.length) return;
      try {
        const batch = await api.post(`${base}/ingest-batch`, { urls });
        toast(t('knowledge.batch_done', { ok: batch.successful, failed: batch.failed }));
        const refused = batch.results.filter((result) => !result.success);
        replace(crawlResults, refused.length ? h('ul', { class: 'crawl-refused', id: 'crawl-refused' },
          refused.map((result) => h('li', {}, h('div', { class: 'muted url', text: result.url }),
            h('div', { class: 'error-text', text: codeText(result.error.code, result.error.message) })))) : null);
        await Promise.all([loadSources(), loadQuota()]);
      } catch (error) {
        showError(error);
      }
    }, { class: 'primary', id: 'ingest-selected' });
    replace(crawlResults,
      h('p', { class: 'muted', text: t('knowledge.crawl_found', { n: result.total_discovered }) }),
      h('ul', { class: 'crawl-pages' }, result.pages.map((page, index) => h('li', {},
        h('label', {}, boxes[index], ' ', h('strong', { text: page.title || page.url })),
        h('div', { class: 'muted url', text: page.url }), page.preview ? h('p', { class: 'excerpt', text: page.preview }) : null))),
      ingest);
  }

  const question = h('input', { type: 'search', id: 'knowledge-question', required: true, placeholder: t('knowledge.question_placeholder') });
  const answers = h('ol', { class: 'search-results', id: 'search-results', 'aria-live': 'polite' });
  const searchForm = h('form', { class: 'inline-form' }, field(t('knowledge.question'), question),
    h('button', { type: 'submit', class: 'primary', id: 'knowledge-search' }, t('knowledge.search')));
  searchForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const result = await api.post(`${base}/search`, { query: question.value.trim(), limit: 5 });
      replace(answers, result.results.length ? result.results.map((passage) => h('li', { class: 'passage' },
        h('div', { class: 'passage-head' }, h('strong', { class: 'source-name', text: passage.source_name }),
          passage.page ? h('span', { class: 'page', text: t('knowledge.page', { n: passage.page }) }) : null,
          passage.url ? h('span', { class: 'url', text: passage.url }) : null,
          h('span', { class: 'score', text: `${t('knowledge.score')} ${Number(passage.score).toFixed(3)}` })),
        passage.heading ? h('div', { class: 'muted', text: passage.heading }) : null,
        h('p', { class: 'excerpt', text: passage.content }))) : h('li', { class: 'muted', text: t('knowledge.no_results') }));
      if (result.notice) answers.append(h('li', { class: 'muted', text: result.notice }));
    } catch (error) {
      showError(error);
    }
  });

  replace(main, h('div', { class: 'page knowledge' },
    h('div', { class: 'page-head' }, h('h1', { text: t('knowledge.title') }),
      chatbotPicker(chatbots, chatbot, () => context.navigate('/console/knowledge', { replace: true }))),
    chatbot.rag_enabled ? null : h('p', { class: 'notice', text: t('knowledge.rag_off') }),
    h('div', { class: 'grid two' },
      h('section', { class: 'panel' }, h('h2', { text: t('knowledge.add_sources') }), drop, urlForm),
      h('section', { class: 'panel' }, h('h2', { text: t('knowledge.quota') }), quota)),
    h('section', { class: 'panel' }, h('h2', { text: t('knowledge.sources') }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'table sources' },
        h('thead', {}, h('tr', {}, ['name', 'type', 'status', 'chunks', 'updated', 'actions'].map((column) =>
          h('th', { scope: 'col', text: t(`knowledge.col.${column}`) })))),
        sourcesBody))),
    h('section', { class: 'panel' }, h('h2', { text: t('knowledge.try_question') }), searchForm, answers),
    h('section', { class: 'panel' }, h('h2', { text: t('knowledge.crawl_site') }), crawlForm, crawlResults)));

  const rows = new Map();

  function sourceRow(source) {
    const busy = BUSY.has(source.status);
    const progress = source.progress || {};
    const pct = progress.total > 0 ? Math.round((progress.embedded / progress.total) * 100) : 0;
    const bar = h('progress', { max: 100, value: pct, 'aria-label': t('knowledge.progress', { name: source.name }) });
    if (!progress.total) bar.removeAttribute('value');
    return h('tr', { dataset: { sourceId: source.id, status: source.status } },
      h('th', { scope: 'row' }, h('div', { class: 'source-name', text: source.name }),
        h('div', { class: 'muted url', text: source.url || source.file_name || '' }),
        source.error ? h('div', { class: 'error-text source-error', text: codeText(source.error_code, source.error),
          title: source.error }) : null),
      h('td', { text: t(`type.${source.type}`) }),
      h('td', {}, badge(t(`source.${source.status}`), `status-${source.status}`),
        busy ? h('div', { class: 'progress' }, bar,
          progress.total ? h('small', { text: `${progress.embedded}/${progress.total}` }) : null) : null),
      h('td', { class: 'num', text: number(source.chunk_count) }),
      h('td', { text: dateTime(source.last_synced_at || source.updated_at) }),
      h('td', { class: 'actions' },
        button(t('knowledge.resync'), () => resync(source), { class: 'secondary small', disabled: busy }),
        button(t('common.delete'), () => remove(source), { class: 'danger small' })));
  }

  async function resync(source) {
    try {
      await api.post(`${base}/sources/${source.id}/resync`);
      await loadSources();
    } catch (error) {
      showError(error);
    }
  }

  async function remove(source) {
    if (!confirmAction(t('knowledge.confirm_delete', { name: source.name }))) return;
    try {
      await api.del(`${base}/sources/${source.id}`);
      await Promise.all([loadSources(), loadQuota()]);
    } catch (error) {
      showError(error);
    }
  }

  let pollTimer = null;

  async function loadSources() {
    try {
      const page = await api.get(`${base}/sources?size=100`);
      rows.clear();
      replace(sourcesBody, page.items.length ? page.items.map((source) => {
        const row = sourceRow(source);
        rows.set(source.id, row);
        return row;
      }) : h('tr', {}, h('td', { colspan: 6, class: 'empty', text: t('knowledge.empty') })));
      schedulePoll(page.items.some((source) => BUSY.has(source.status)));
    } catch (error) {
      showError(error);
    }
  }

  async function refreshSource(sourceId) {
    const row = rows.get(sourceId);
    if (!row) return loadSources();
    try {
      const source = await api.get(`${base}/sources/${sourceId}`);
      const fresh = sourceRow(source);
      row.replaceWith(fresh);
      rows.set(sourceId, fresh);
      if (!BUSY.has(source.status)) loadQuota();
    } catch (error) {
      if (error.status === 404) loadSources();
    }
  }

  // live events drive the progress; a slow poll covers a stream that is reconnecting
  function schedulePoll(busy) {
    clearTimeout(pollTimer);
    if (busy) pollTimer = setTimeout(loadSources, 3000);
  }

  async function loadQuota() {
    try {
      const usage = await api.get(`${base}/quota`);
      maxFileBytes = usage.max_file_bytes;
      limits.textContent = t('knowledge.types', { size: fileSize(maxFileBytes) });
      replace(quota,
        meter(t('knowledge.quota_documents'), usage.documents.current, usage.documents.max),
        meter(t('knowledge.quota_urls'), usage.urls.current, usage.urls.max),
        meter(t('knowledge.quota_daily'), usage.daily_ingestions.current, usage.daily_ingestions.max),
        meter(t('knowledge.quota_storage'), usage.storage.current_mb, usage.storage.max_mb, { format: (v) => `${number(v, 1)} MB` }));
    } catch (error) {
      showError(error);
    }
  }

  const stop = on('source', (event) => refreshSource(event.source_id));
  await Promise.all([loadSources(), loadQuota()]);
  return () => {
    stop();
    clearTimeout(pollTimer);
  };
}
