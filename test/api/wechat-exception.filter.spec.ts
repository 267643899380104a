import 'reflect-metadata';
import { Body, Controller, Get, Module, Param, Post, UseFilters, ValidationPipe, type INestApplication } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import {
  MenuCreateDto,
  MenuService,
  UserService,
  WechatExceptionFilter,
  WechatMpModule,
  type MenuDefinition,
} from '../../lib/index.js';
import { WechatEmulator } from '../../lib/testing/index.js';
import { LogCapture } from '../support/log-capture.js';
import { APP } from './api-test-kit.js';

/** An app's own admin endpoints calling the outbound services, errors left to the filter. */
@Controller('admin')
class AdminController {
  constructor(
    private readonly menus: MenuService,
    private readonly users: UserService,
  ) {}

  @Post('menu')
  async setMenu(@Body() menu: MenuDefinition): Promise<{ ok: true }> {
    await this.menus.create(menu);
    return { ok: true };
  }

  @Get('menu')
  getMenu() {
    return this.menus.get();
  }

  /** The exported DTO reused with Nest's own ValidationPipe. */
  @Post('menu-dto')
  async setMenuDto(@Body(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true })) menu: MenuCreateDto): Promise<{ ok: true }> {
    await this.menus.create(menu);
    return { ok: true };
  }

  @Get('users/:openid')
  user(@Param('openid') openid: string) {
    return this.users.getInfo(openid);
  }
}

/** The same controller without the global filter, opted in with @UseFilters. */
@Controller('scoped')
@UseFilters(WechatExceptionFilter)
class ScopedController {
  constructor(private readonly menus: MenuService) {}

  @Get('menu')
  getMenu() {
    return this.menus.get();
  }
}

/** A controller the filter does not cover: Nest's own 500. */
@Controller('bare')
class BareController {
  constructor(private readonly menus: MenuService) {}

  @Get('menu')
  getMenu() {
    return this.menus.get();
  }
}

const ADAPTERS: [string, () => FastifyAdapter | undefined][] = [
  ['Express', () => undefined],
  ['Fastify', () => new FastifyAdapter()],
];

describe.each(ADAPTERS)('WechatExceptionFilter (%s)', (_name, adapter) => {
  let emu: WechatEmulator;
  let app: INestApplication;
  let url: string;
  let global: boolean;
  let logs: LogCapture;

  async function start(withGlobalFilter: boolean) {
    emu = await WechatEmulator.start({ appId: APP.appId, appSecret: APP.appSecret });
    @Module({
      imports: [WechatMpModule.forRoot({ appId: APP.appId, appSecret: APP.appSecret, token: 'filtertoken', apiBaseUrl: emu.url, path: false })],
      controllers: [AdminController, ScopedController, BareController],
    })
    class AppModule {}
    const ref = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const httpAdapter = adapter();
    logs = new LogCapture();
    app = httpAdapter ? ref.createNestApplication(httpAdapter, { logger: logs }) : ref.createNestApplication({ logger: logs });
    if (withGlobalFilter) app.useGlobalFilters(new WechatExceptionFilter(app.get(HttpAdapterHost)));
    global = withGlobalFilter;
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  }

  afterEach(async () => {
    await app?.close();
    await emu?.stop();
  });

  const fetchJson = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${url}${path}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('answers a DTO violation with 400 naming the field, before anything reaches WeChat', async () => {
    await start(true);
    const menu = { button: [{ name: 'M', sub_button: [{ type: 'click', name: 'ok', key: 'K' }, { type: 'view', name: 'v', url: 'ftp://x' }] }] };
    const { status, body } = await fetchJson('/admin/menu', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(menu) });
    expect(status).toBe(400);
    expect(body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'WECHAT_VALIDATION_ERROR',
      field: 'button[0].sub_button[1].url',
      reason: 'must be an http:// or https:// URL',
      message: 'Invalid "button[0].sub_button[1].url": must be an http:// or https:// URL',
    });
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/menu/create')).toHaveLength(0);
  });

  it('answers WeChat\'s refusal with 502 carrying errcode, errmsg and path, never the token; logs one line', async () => {
    await start(true);
    const answer = await fetchJson('/admin/menu');
    expect(answer.status).toBe(502);
    expect(answer.body).toMatchObject({ statusCode: 502, error: 'Bad Gateway', code: 'WECHAT_API_ERROR', errcode: 46003, path: '/cgi-bin/menu/get', errmsg: expect.stringContaining('menu no exist') });
    expect(answer.body.rid).toMatch(/^[0-9a-f-]+$/);
    const token = emu.requests.find((r) => r.path === '/cgi-bin/menu/get')?.query.access_token as string;
    expect(token).toBeTruthy();
    expect(JSON.stringify(answer.body)).not.toContain(token);
    expect(JSON.stringify(answer.body)).not.toContain(APP.appSecret);
    expect(logs.text()).toContain('errcode 46003');
    expect(logs.text()).not.toContain(token);
    expect((await fetchJson('/admin/users/oStranger')).body).toMatchObject({ statusCode: 502, errcode: 40003, path: '/cgi-bin/user/info' });
  });

  it('the exported DTO works with Nest\'s ValidationPipe: a bad menu is Nest\'s 400, a good one reaches WeChat', async () => {
    await start(true);
    const post = (menu: unknown) => fetchJson('/admin/menu-dto', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(menu) });
    const bad = await post({ button: [{ type: 'click', name: '六个汉字不行', key: 'K' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('button.0.name must be at most 16 bytes in UTF-8');
    expect(emu.requests.filter((r) => r.path === '/cgi-bin/menu/create')).toHaveLength(0);
    expect(await post({ button: [{ type: 'click', name: '今日歌曲', key: 'V1001' }] })).toMatchObject({ status: 201, body: { ok: true } });
    expect(emu.menu()).toMatchObject({ button: [{ name: '今日歌曲' }] });
  });

  it('answers a spent quota with 429', async () => {
    await start(true);
    emu.faults.inject({ path: '/cgi-bin/menu/get', kind: 'errcode', errcode: 45009, times: 1 });
    expect(await fetchJson('/admin/menu')).toMatchObject({ status: 429, body: { errcode: 45009, error: 'Too Many Requests' } });
  });

  it('works opted in per controller; without it Nest answers a bare 500', async () => {
    await start(false);
    expect(global).toBe(false);
    expect(await fetchJson('/scoped/menu')).toMatchObject({ status: 502, body: { errcode: 46003 } });
    expect(await fetchJson('/bare/menu')).toEqual({ status: 500, body: { statusCode: 500, message: 'Internal server error' } });
  });
});
