import { beforeAll, describe, expect, it } from 'vitest';
import { loadModuleStrings, setLanguage, startI18n, translate } from '../../app/i18n.ts';
import { DECLINE_CODES, PAYMENT_STATES } from './money.ts';
import { declineText, limitProblem, limitsText, methodText, moneyProblemText, priceText, type SaleToken } from './words.ts';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const acme: SaleToken = {
  id: 't1', name: 'Acme points', symbol: 'ACME', decimals: 2,
  price: { currency: 'EUR', currencyExponent: 2, unitAmount: '150', perTokens: '100', minTokens: '100', maxTokens: '100000' },
};

beforeAll(async () => {
  await startI18n('en');
  await loadModuleStrings();
});

describe('the payment pages in words', () => {
  it.each(['en', 'fr'] as const)('name every state, decline and test method (%s)', async (language) => {
    await setLanguage(language, false);
    await loadModuleStrings();
    const words = [
      ...PAYMENT_STATES.map((s) => translate(`payments.state.${s}`)),
      ...DECLINE_CODES.map((d) => declineText(d)),
      ...(['SUCCEEDED', 'DECLINED', 'REQUIRES_ACTION', 'PROCESSING'] as const).map((outcome) => methodText({ outcome, declineCode: 'insufficient_funds' })),
    ];
    for (const w of words) expect(w).not.toMatch(/^payments\.|\{\{/);
    expect(new Set(words).size).toBe(words.length);
    expect(declineText('do_not_honor')).toBe(declineText('other'));
    await setLanguage('en', false);
  });

  it('says the price and the limits per purchase with the currency and the token', async () => {
    expect(priceText(acme, 'en-GB')).toBe('Price: €1.50 for 1.00 ACME.');
    expect(limitsText(acme, 'en-GB')).toBe('Per purchase: from 1.00 ACME to 1,000.00 ACME.');
    expect(limitsText({ ...acme, price: { ...acme.price, minTokens: null, maxTokens: null } }, 'en-GB')).toBeNull();
    expect(limitProblem(99n, acme, 'en-GB')).toBe('One purchase buys at least 1.00 ACME.');
    expect(limitProblem(100_001n, acme, 'en-GB')).toBe('One purchase buys at most 1,000.00 ACME.');
    expect(limitProblem(100n, acme, 'en-GB')).toBeNull();
    await setLanguage('fr', false);
    await loadModuleStrings();
    expect(nbsp(priceText(acme, 'fr-FR'))).toBe('Prix : 1,50 € pour 1,00 ACME.');
    await setLanguage('en', false);
  });

  it('words a refused amount of money by the currency’s decimals, not the token’s', () => {
    expect(moneyProblemText('tooManyDecimals', 'EUR', 2, 'en-GB')).toBe('Amounts in EUR have at most 2 decimal places.');
    expect(moneyProblemText('wholeOnly', 'JPY', 0, 'en-GB')).toBe('Amounts in JPY are whole numbers only.');
    expect(moneyProblemText('zero', 'EUR', 2, 'en-GB')).toBe('The amount must be more than zero.');
  });
});
