import { rawCall } from '../../support/raw-call.js';
import { INVOICE_ENDPOINTS } from '../../../lib/api/invoice/invoice.endpoints.js';
import { InvoiceService } from '../../../lib/api/invoice/invoice.service.js';
import { parseCallbackXml } from '../../../lib/message/callback-parser.js';
import { toInboundMessage } from '../../../lib/message/message-normalizer.js';
import { WechatEmulator } from '../../../lib/testing/index.js';
import { APP, newClient, startStub } from '../api-test-kit.js';

const PDF = Buffer.from('%PDF-1.4\n% emulator test invoice\n%%EOF\n', 'latin1');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
const S_PAPPID = 'd3hmZTgxMDE3ZjE2ZjNmYzNfemVtdWxhdG9y';
const authUrl = (orderId: string) => ({ s_pappid: S_PAPPID, order_id: orderId, money: 1000, timestamp: 1_700_000_000, source: 'web' as const, ticket: 'ticket', type: 1 as const });
const userData = (pdf: string) => ({
  fee: 1000, title: '示例科技有限公司', billing_time: 1_700_000_000, billing_no: '00000001', billing_code: '011001900111',
  fee_without_tax: 943, tax: 57, s_pdf_media_id: pdf, info: [{ name: '咖啡', num: 1, unit: '杯', price: 1000 }],
});

describe('InvoiceService (against the emulator, pushing the invoice events to a callback)', () => {
  let emu: WechatEmulator;
  let invoice: InvoiceService;
  let client: ReturnType<typeof newClient>['client'];
  let callback: Awaited<ReturnType<typeof startStub>>;
  const pushed = () => callback.hits.map((h) => toInboundMessage(parseCallbackXml(h.body.toString('utf8'))));
  beforeAll(async () => {
    callback = await startStub((_req, _body, res) => res.end('success'));
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret, token: 'invoiceToken', callbackUrl: `${callback.url}/wechat` });
    client = newClient(emu.url).client;
    invoice = new InvoiceService(client);
  });
  afterAll(async () => {
    await emu.stop();
    await callback.stop();
  });

  it('runs the whole flow: authorise, template, PDF, insert, reimburse; WeChat pushes each matching event', async () => {
    const { auth_url } = await invoice.getAuthUrl(authUrl('order-1'));
    expect(auth_url).toContain('order_id=order-1');
    await expect(invoice.getAuthData('order-1', S_PAPPID)).resolves.toMatchObject({ invoice_status: 'auth success' });
    const cardId = await invoice.createCard({ payee: '示例科技有限公司', type: '增值税电子普通发票', base_info: { title: '示例发票', logo_url: 'https://example.com/logo.png' } });
    const pdf = await invoice.setPdf(PDF);
    await expect(invoice.getPdf(pdf)).resolves.toMatchObject({ pdf_url: expect.stringContaining(pdf) });
    const inserted = await invoice.insert({ order_id: 'order-1', card_id: cardId, appid: APP.appId, card_ext: { nonce_str: 'n1', user_card: { invoice_user_data: userData(pdf) } } });
    const [stored] = emu.invoices();
    expect(stored).toMatchObject({ card_id: cardId, code: inserted.code, openid: inserted.openid });
    const ref = { card_id: cardId, encrypt_code: stored!.encrypt_code };
    await expect(invoice.getReimburseInfo(ref)).resolves.toMatchObject({ card_id: cardId, user_info: { fee: 1000, reimburse_status: 'INVOICE_REIMBURSE_INIT' } });
    await expect(invoice.getReimburseBatch([ref])).resolves.toHaveLength(1);
    await invoice.reimburseUpdateStatus(ref, 'INVOICE_REIMBURSE_LOCK');
    await invoice.platformUpdateStatus(cardId, inserted.code, 'INVOICE_REIMBURSE_INIT');
    await invoice.reimburseUpdateStatusBatch(inserted.openid, [ref], 'INVOICE_REIMBURSE_CLOSURE');
    await expect(invoice.reimburseUpdateStatus(ref, 'INVOICE_REIMBURSE_INIT')).rejects.toMatchObject({ errcode: 72024 });
    await expect(invoice.platformUpdateStatus(cardId, inserted.code, 'INVOICE_REIMBURSE_INIT')).rejects.toMatchObject({ errcode: 72024 });
    await invoice.getSelectTitleUrl({ attach: 'table-7', biz_name: '示例餐厅' });
    await emu.idle();

    const events = pushed();
    expect(events.map((e) => (e as { Event?: string }).Event)).toEqual([
      'user_authorize_invoice', 'cloud_invoice_invoiceresult_event', 'update_invoice_status', 'update_invoice_status', 'submit_invoice_title',
    ]);
    expect(events[0]).toMatchObject({ SuccOrderId: 'order-1', AuthorizeAppId: APP.appId, Source: 'web' });
    expect(events[1]).toMatchObject({ fpqqlsh: 'order-1', status: '0' });
    expect(events[3]).toMatchObject({ Status: 'INVOICE_REIMBURSE_CLOSURE', CardId: cardId, Code: inserted.code });
    expect(events[4]).toMatchObject({ title: '示例科技有限公司', attach: 'table-7' });
    expect(emu.platformPushes()).toHaveLength(5);
  });

  it('merchant settings: the six setbizattr actions on one path, action in the query', async () => {
    const authField = { user_field: { show_title: 1 as const, show_phone: 1 as const }, biz_field: { show_title: 1 as const, show_tax_no: 1 as const } };
    await invoice.setAuthField(authField);
    await expect(invoice.getAuthField()).resolves.toMatchObject(authField);
    await invoice.setPayMch('1230000109', S_PAPPID);
    await expect(invoice.getPayMch()).resolves.toEqual({ mchid: '1230000109', s_pappid: S_PAPPID });
    await invoice.setContact('010-88888888', 172_800);
    await expect(invoice.getContact()).resolves.toEqual({ phone: '010-88888888', time_out: 172_800 });
    const actions = emu.requests.filter((r) => r.path === '/card/invoice/setbizattr').map((r) => r.query.action);
    expect(actions).toEqual(['set_auth_field', 'get_auth_field', 'set_pay_mch', 'get_pay_mch', 'set_contact', 'get_contact']);
  });

  it('platform URL, user titles and the title scan', async () => {
    const platform = await invoice.getPlatformUrl();
    expect(platform.sPappid).toBeTruthy();
    await expect(invoice.getUserTitleUrl({ user_fill: 0, title: '示例科技有限公司', tax_no: '91110000000000000X' })).resolves.toContain('/emulator/invoice/title');
    await expect(invoice.scanTitle('https://w.url.cn/s/ABCDEF')).resolves.toMatchObject({ title: '示例科技有限公司' });
  });

  it('refuses bad input before the call, naming the field', async () => {
    emu.clearRequests();
    await expect(invoice.setPdf(PNG)).rejects.toMatchObject({ field: 'pdf.data', reason: expect.stringContaining('PDF') });
    await expect(invoice.getAuthUrl({ ...authUrl('o'), type: 3 as 1 })).rejects.toMatchObject({ field: 'type' });
    await expect(invoice.getAuthUrl({ ...authUrl('o'), money: 9.5 })).rejects.toMatchObject({ field: 'money' });
    await expect(invoice.getReimburseBatch(Array.from({ length: 101 }, () => ({ card_id: 'c', encrypt_code: 'e' })))).rejects.toMatchObject({ field: 'item_list' });
    await expect(invoice.insert({ order_id: 'o', card_id: 'c', appid: APP.appId, card_ext: { nonce_str: 'n', user_card: { invoice_user_data: { ...userData('p'), fee: -1 } } } }))
      .rejects.toMatchObject({ field: 'card_ext.user_card.invoice_user_data.fee' });
    expect(emu.requests).toHaveLength(0);
  });
});

describe('InvoiceService: documented failures, one per endpoint', () => {
  let emu: WechatEmulator;
  let invoice: InvoiceService;
  let client: ReturnType<typeof newClient>['client'];
  beforeAll(async () => {
    emu = await WechatEmulator.start({
      appId: APP.appId, appSecret: APP.appSecret,
      quotas: { '/card/invoice/seturl': 0, '/card/invoice/biz/getselecttitleurl': 0 },
    });
    client = newClient(emu.url).client;
    invoice = new InvoiceService(client);
  });
  afterAll(() => emu.stop());

  const ref = { card_id: 'pUnknown', encrypt_code: 'bm9wZQ==' };
  const cases: [keyof typeof INVOICE_ENDPOINTS, () => Promise<unknown>, number][] = [
    ['invoiceGetAuthUrl', () => rawCall(client, INVOICE_ENDPOINTS.invoiceGetAuthUrl, { body: { ...authUrl('x'), source: 'fax' } }), 72031],
    ['invoiceGetAuthData', () => invoice.getAuthData('never-asked', S_PAPPID), 72038],
    ['invoiceRejectInsert', () => invoice.rejectInsert('never-asked', S_PAPPID, '订单已退款'), 72038],
    ['invoiceSetAuthField', () => rawCall(client, INVOICE_ENDPOINTS.invoiceSetAuthField, { query: { action: 'set_auth_field' }, body: {} }), 72031],
    ['invoiceGetAuthField', () => invoice.getAuthField(), 72029],
    ['invoiceSetPayMch', () => rawCall(client, INVOICE_ENDPOINTS.invoiceSetPayMch, { query: { action: 'set_pay_mch' }, body: {} }), 72031],
    ['invoiceGetPayMch', () => invoice.getPayMch(), 72028],
    ['invoiceSetContact', () => rawCall(client, INVOICE_ENDPOINTS.invoiceSetContact, { query: { action: 'set_contact' }, body: { contact: {} } }), 72031],
    ['invoiceGetContact', () => invoice.getContact(), 72031],
    ['invoiceSetUrl', () => invoice.getPlatformUrl(), 45009],
    ['invoiceInsert', async () => {
      await invoice.getAuthUrl(authUrl('rejected-order'));
      await invoice.rejectInsert('rejected-order', S_PAPPID, '订单已退款');
      return invoice.insert({ order_id: 'rejected-order', card_id: 'c', appid: APP.appId, card_ext: { nonce_str: 'n', user_card: { invoice_user_data: userData('p') } } });
    }, 72038],
    ['invoiceCreateCard', () => rawCall(client, INVOICE_ENDPOINTS.invoiceCreateCard, { body: { invoice_info: { payee: 'x' } } }), 72031],
    ['invoiceSetPdf', () => rawCall(client, INVOICE_ENDPOINTS.invoiceSetPdf, { file: { field: 'pdf', data: PNG, fileName: 'a.pdf' } }), 40005],
    ['invoiceGetPdf', () => invoice.getPdf('3000'), 72031],
    ['invoicePlatformUpdateStatus', () => invoice.platformUpdateStatus('pUnknown', '000', 'INVOICE_REIMBURSE_LOCK'), 72031],
    ['reimburseGetInvoiceInfo', () => invoice.getReimburseInfo(ref), 72031],
    ['reimburseGetInvoiceBatch', () => invoice.getReimburseBatch([ref]), 72031],
    ['reimburseUpdateInvoiceStatus', () => invoice.reimburseUpdateStatus(ref, 'INVOICE_REIMBURSE_LOCK'), 72031],
    ['reimburseUpdateStatusBatch', () => invoice.reimburseUpdateStatusBatch('oUser', [ref], 'INVOICE_REIMBURSE_LOCK'), 72031],
    ['invoiceGetUserTitleUrl', () => invoice.getUserTitleUrl({ user_fill: 0 }), 72017],
    ['invoiceGetSelectTitleUrl', () => invoice.getSelectTitleUrl(), 45009],
    ['invoiceScanTitle', () => invoice.scanTitle('not a title code'), 72031],
  ];

  it('covers every invoice row', () => {
    expect(cases.map(([name]) => name).sort()).toEqual(Object.keys(INVOICE_ENDPOINTS).sort());
  });

  it.each(cases)('%s fails with the documented errcode', async (name, run, errcode) => {
    await expect(run()).rejects.toMatchObject({ errcode, path: INVOICE_ENDPOINTS[name].path });
  });
});
