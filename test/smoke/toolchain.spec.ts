import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PLACEHOLDER } from 'nestjs-wechat-mp';

@Injectable()
class A { v = PLACEHOLDER; }
@Injectable()
class B { constructor(readonly a: A) {} }
@Module({ providers: [A, B] })
class M {}

it('boots a nest module under ESM', async () => {
  const ref = await Test.createTestingModule({ imports: [M] }).compile();
  expect(ref.get(B).a.v).toBe(1);
});
