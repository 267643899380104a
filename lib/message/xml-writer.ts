/**
 * String-building helpers for the XML WeChat exchanges; used per request, so no XML library and no allocation
 * beyond the output. Text goes into CDATA (as WeChat sends it); a `]]>` inside is split across two sections,
 * and characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF)
 * are dropped, since WeChat would refuse the whole document.
 */
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_XML_CHARS = new RegExp(NOT_XML_CHAR.source, 'g');

/** `value` without the characters XML 1.0 cannot represent. */
export function xmlChars(value: string): string {
  return NOT_XML_CHAR.test(value) ? value.replace(NOT_XML_CHARS, '') : value;
}

/** `<![CDATA[value]]>`, safe for any string. */
export function cdata(value: string): string {
  const text = xmlChars(value);
  return `<![CDATA[${text.includes(']]>') ? text.replaceAll(']]>', ']]]]><![CDATA[>') : text}]]>`;
}

/** `<name><![CDATA[value]]></name>`. */
export function cdataElement(name: string, value: string): string {
  return `<${name}>${cdata(value)}</${name}>`;
}

const BARE_NUMBER = /^-?[0-9]+(?:\.[0-9]+)?$/;

/** Like `cdataElement`, but numbers go bare, as WeChat writes `<CreateTime>`, `<MsgId>`, `<Location_X>`. */
export function valueElement(name: string, value: string): string {
  return BARE_NUMBER.test(value) ? `<${name}>${value}</${name}>` : cdataElement(name, value);
}
