import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../../main/core/connectors/message-text.ts';
import { searchTextOf } from '../../../main/core/store/search-text.ts';

describe('helpdesk HTML as text', () => {
  it('keeps line breaks and paragraphs, drops tags, scripts and styles', () => {
    expect(htmlToText('<p>Hi,</p><p>line one<br>line two</p><script>alert(1)</script><ul><li>a</li><li>b</li></ul>')).toBe('Hi,\n\nline one\nline two\n\na\n\nb');
  });

  it('decodes named and numeric entities and leaves unknown or impossible ones as written', () => {
    expect(htmlToText('<p>a&nbsp;&lt;b&gt;</p><p>c<br/>d</p><style>p{}</style>&#x1F600;&#128512;&bogus;&#99999999;')).toBe('a <b>\n\nc\nd\n\n😀😀&bogus;&#99999999;');
  });

  it('gives the search index the words only', () => {
    expect(searchTextOf('<p>Missing&nbsp;<b>X-Api-Key</b> header</p><script>var secret</script>&amp; more')).toBe('Missing X-Api-Key header & more');
  });
});
