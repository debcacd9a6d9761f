import { describe, expect, it } from 'vitest';
import { auditCsv, moneyCsv, periodsCsv } from './csv.tables.ts';
import { formatAmount, toCsv } from './csv.ts';

const period = { start: '2026-03-02', issued: '123456', sold: '0', transferred: '-5', redeemed: '7', reversed: '0', refunded: '0', transactions: 3, activeMembers: 2, circulatingSupply: '123449' };

describe('CSV in the person’s locale', () => {
  it('writes amounts exactly with the locale’s decimal mark, beyond what a float holds', () => {
    expect(formatAmount(123456n, 2, 'en')).toBe('1234.56');
    expect(formatAmount(123456n, 2, 'fr')).toBe('1234,56');
    expect(formatAmount(-5n, 2, 'fr')).toBe('-0,05');
    expect(formatAmount(2n ** 80n + 1n, 0, 'en')).toBe((2n ** 80n + 1n).toString());
    expect(formatAmount(2n ** 80n + 1n, 18, 'fr')).toBe('1208925,819614629174706177');
  });

  it('heads and splits the columns as each language’s spreadsheets expect', () => {
    expect(periodsCsv([period], 'en', 2)).toBe(
      'Period,Issued,Sold,Transferred,Redeemed,Reversed,Refunded,Transactions,Active members,Circulating supply\r\n03/02/2026,1234.56,0.00,-0.05,0.07,0.00,0.00,3,2,1234.49\r\n',
    );
    expect(periodsCsv([period], 'fr', 2)).toBe(
      'Période;Émis;Vendus;Transférés;Rachetés;Annulés;Remboursés;Transactions;Membres actifs;En circulation\r\n02/03/2026;1234,56;0,00;-0,05;0,07;0,00;0,00;3;2;1234,49\r\n',
    );
    expect(moneyCsv([{ start: '2026-03-02', currency: 'JPY', paid: '1500', refunded: '0', payments: 1 }], 'fr')).toContain('02/03/2026;JPY;1500;0;1');
  });

  it('quotes what needs quoting and keeps formulas from running', () => {
    expect(toCsv(['a', 'b'], [[{ text: 'x,"y"' }, { text: '=HYPERLINK("evil")' }]], 'en')).toBe('a,b\r\n"x,""y""","\'=HYPERLINK(""evil"")"\r\n');
  });

  it('writes audit times in the zone asked for and outcomes in the language', () => {
    const entry = { at: new Date('2026-03-01T23:30:00Z'), subgraph: 'token', actor: 'user:1', action: 'issueTokens', outcome: 'failure', errorCode: 'INSUFFICIENT_BALANCE', requestId: null };
    expect(auditCsv([entry], 'fr', 'Europe/Paris').split('\r\n')[1]).toBe('02/03/2026 00:30:00;token;user:1;issueTokens;échec;INSUFFICIENT_BALANCE;');
  });
});
