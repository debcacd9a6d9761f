import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { NotificationKindValue } from '../notification/notification.type.ts';

export enum NotificationChannel {
  IN_APP = 'in_app',
  EMAIL = 'email',
}
registerEnumType(NotificationChannel, { name: 'NotificationChannel', description: 'Where a notification reaches you.' });

@ObjectType({ description: 'Whether one kind of notification reaches you in the app and by mail.' })
export class NotificationPreference {
  @Field(() => NotificationKindValue)
  kind!: NotificationKindValue;

  @Field(() => Boolean)
  inApp!: boolean;

  @Field(() => Boolean)
  email!: boolean;

  @Field(() => Boolean, { description: 'A security notice: always on, on every channel.' })
  locked!: boolean;
}
