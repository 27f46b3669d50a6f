/** Records appended to the e2e corpus: their text must reach the page as text, never as markup. */
export const SCRIPT_TITLE =
  '<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2"> Attacks on $\\mathcal{O}(n^2)$ & <b>bold</b> parsers';

export const HOSTILE_RECORDS = [
  {
    id: 'e2e-hostile-1',
    title: SCRIPT_TITLE,
    abstract:
      'We study <script>alert(1)</script> injection into web dashboards that render paper titles, and why templating must escape text. =HYPERLINK("http://x") cells in CSV exports are another vector for parsers and parsing attacks.',
    date: '2023-05-17',
    labels: ['cs.CR'],
    source: 'e2e',
  },
];
