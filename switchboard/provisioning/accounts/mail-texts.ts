import type { MailLanguage } from './account-store.ts';

export type MailText = { subject: string; text: string };

/** The first password an administrator's new account gets (or a reset by the administrator). */
export function passwordMail(
  language: MailLanguage,
  details: { name: string; company: string; email: string; password: string; reset: boolean },
): MailText {
  const { name, company, email, password, reset } = details;
  if (language === 'en') {
    return {
      subject: reset ? `${company}: your password was reset` : `${company}: your Switchboard account`,
      text: [
        `Hello ${name},`,
        '',
        reset
          ? `An administrator of ${company} reset the password of your account ${email}.`
          : `An administrator of ${company} created a Switchboard account for you: ${email}.`,
        `Your password: ${password}`,
        '',
        'Sign in with your e-mail address and this password. You will be asked to choose your own password at once.',
      ].join('\n'),
    };
  }
  return {
    subject: reset ? `${company}：您的密码已重置` : `${company}：您的 Switchboard 账号`,
    text: [
      `${name}，您好：`,
      '',
      reset
        ? `${company} 的管理员重置了您的账号 ${email} 的密码。`
        : `${company} 的管理员为您创建了 Switchboard 账号：${email}。`,
      `您的密码：${password}`,
      '',
      '请用邮箱地址和此密码登录，登录后系统会要求您立即设置自己的密码。',
    ].join('\n'),
  };
}

/** The six-digit code of "Forgot password". */
export function resetCodeMail(language: MailLanguage, details: { code: string; minutes: number }): MailText {
  const { code, minutes } = details;
  if (language === 'en') {
    return {
      subject: `Your Switchboard code: ${code}`,
      text: [
        `Your code to set a new password: ${code}`,
        `It is valid for ${minutes} minutes. If you did not ask for it, ignore this mail; your password stays as it is.`,
      ].join('\n'),
    };
  }
  return {
    subject: `您的 Switchboard 验证码：${code}`,
    text: [
      `重置密码的验证码：${code}`,
      `${minutes} 分钟内有效。如果不是您本人操作，请忽略此邮件，您的密码不会改变。`,
    ].join('\n'),
  };
}
