import { Arg, Ctx, Directive, Int, Query, Resolver } from 'type-graphql';
import type { NotificationContext } from '../context.ts';
import { DevelopmentMail } from './mail.type.ts';

@Resolver(() => DevelopmentMail)
export class MailResolver {
  @Query(() => [DevelopmentMail], {
    description: 'Development only (no SMTP_URL, not production): every mail the platform sent, newest first, so sign-up and invitations can be followed without a mail server.',
  })
  @Directive('@listSize(assumedSize: 100, slicingArguments: ["first"])')
  async developmentMailbox(@Arg('first', () => Int, { defaultValue: 20 }) first: number, @Ctx() ctx: NotificationContext): Promise<DevelopmentMail[]> {
    return (await ctx.services.mail.mailbox(ctx.production, first)).map((m) => ({ id: m.id, to: m.toAddress, subject: m.subject, text: m.text, html: m.html, locale: m.locale, status: m.status, attempts: m.attempts, createdAt: m.createdAt }));
  }
}
