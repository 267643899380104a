import fc from 'fast-check';
import { cdata, cdataElement, valueElement, xmlChars } from '../../lib/message/xml-writer.js';
import { readXmlDocument } from '../../lib/message/xml-reader.js';

describe('xml-writer', () => {
  it.each([
    ['plain text', 'hi', '<![CDATA[hi]]>'],
    ['empty', '', '<![CDATA[]]>'],
    ['one terminator', 'a]]>b', '<![CDATA[a]]]]><![CDATA[>b]]>'],
    ['a terminator at each end', ']]>x]]>', '<![CDATA[]]]]><![CDATA[>x]]]]><![CDATA[>]]>'],
    ['markup-looking text stays raw', '<a>&amp;</a>', '<![CDATA[<a>&amp;</a>]]>'],
  ])('cdata: %s', (_name, value, expected) => {
    expect(cdata(value)).toBe(expected);
  });

  it('xmlChars drops what XML 1.0 cannot carry and keeps everything else', () => {
    expect(xmlChars('a\u0000\u0008\u000B\u000C\u001F\uFFFE\uFFFFb')).toBe('ab');
    expect(xmlChars('\t\n\r 中文 😀 \uE000')).toBe('\t\n\r 中文 😀 \uE000');
    expect(xmlChars('x\uD800y\uDC00z')).toBe('xyz');
  });

  it('valueElement writes numbers bare and everything else in CDATA', () => {
    expect(valueElement('CreateTime', '1672369434')).toBe('<CreateTime>1672369434</CreateTime>');
    expect(valueElement('Location_X', '39.956860')).toBe('<Location_X>39.956860</Location_X>');
    expect(valueElement('T', ' 1')).toBe('<T><![CDATA[ 1]]></T>');
    expect(valueElement('T', '1e5')).toBe('<T><![CDATA[1e5]]></T>');
  });

  it('any string survives cdataElement → readXmlDocument (minus characters XML cannot carry)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(readXmlDocument(`<xml>${cdataElement('V', value)}</xml>`).value).toEqual({ V: xmlChars(value) });
      }),
      { numRuns: 500 },
    );
  });
});
