/** Every error text of the message layer, in one place. Texts name what was wrong, never the body's content. */
export const MESSAGE_MESSAGES = {
  notText: 'the body is not text',
  empty: 'the body is empty',
  forbiddenMarkup: 'the XML body contains a DOCTYPE/ENTITY declaration, which WeChat never sends (refused to prevent XXE)',
  notXml: (at: number) => `the body is not XML (unexpected content at offset ${at})`,
  unclosed: (openedAt: number) => `the XML element opened at offset ${openedAt} is never closed`,
  mismatchedClose: (at: number, openedAt: number) =>
    `the XML closing tag at offset ${at} does not match the element opened at offset ${openedAt}`,
  badTag: (at: number) => `the XML tag at offset ${at} is malformed`,
  badAttribute: (at: number) => `the XML attribute at offset ${at} is malformed`,
  unterminated: (what: string, at: number) => `the XML ${what} starting at offset ${at} is never terminated`,
  badReference: 'the XML text contains an invalid entity or character reference',
  trailing: (at: number) => `the XML body has content after the root element (offset ${at})`,
  tooDeep: (max: number) => `the body nests deeper than ${max} levels`,
  notXmlRoot: 'the XML root element is not <xml>',
  invalidJson: 'the body is not valid JSON',
  notJsonObject: 'the JSON body is not an object',
  noMsgType: 'the body has no MsgType',
} as const;
