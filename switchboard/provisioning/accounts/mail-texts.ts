import type { MailLanguage } from './account-store.ts';

export type MailText = { subject: string; text: string };

type PasswordMailDetails = { name: string; company: string; email: string; password: string; reset: boolean };

const passwordMails: Record<MailLanguage, (details: PasswordMailDetails) => MailText> = {
  'zh-CN': ({ name, company, email, password, reset }) => ({
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
  }),
  en: ({ name, company, email, password, reset }) => ({
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
  }),
  sv: ({ name, company, email, password, reset }) => ({
    subject: reset ? `${company}: ditt lösenord har återställts` : `${company}: ditt Switchboard-konto`,
    text: [
      `Hej ${name},`,
      '',
      reset
        ? `En administratör på ${company} har återställt lösenordet till ditt konto ${email}.`
        : `En administratör på ${company} har skapat ett Switchboard-konto åt dig: ${email}.`,
      `Ditt lösenord: ${password}`,
      '',
      'Logga in med din e-postadress och det här lösenordet. Du får direkt välja ett eget lösenord.',
    ].join('\n'),
  }),
  fr: ({ name, company, email, password, reset }) => ({
    subject: reset ? `${company} : votre mot de passe a été réinitialisé` : `${company} : votre compte Switchboard`,
    text: [
      `Bonjour ${name},`,
      '',
      reset
        ? `Un administrateur de ${company} a réinitialisé le mot de passe de votre compte ${email}.`
        : `Un administrateur de ${company} vous a créé un compte Switchboard : ${email}.`,
      `Votre mot de passe : ${password}`,
      '',
      'Connectez-vous avec votre adresse e-mail et ce mot de passe. Vous choisirez aussitôt votre propre mot de passe.',
    ].join('\n'),
  }),
};

/** The first password an administrator's new account gets (or a reset by the administrator). */
export function passwordMail(language: MailLanguage, details: PasswordMailDetails): MailText {
  return passwordMails[language](details);
}

type ResetCodeDetails = { code: string; minutes: number };

const resetCodeMails: Record<MailLanguage, (details: ResetCodeDetails) => MailText> = {
  'zh-CN': ({ code, minutes }) => ({
    subject: `您的 Switchboard 验证码：${code}`,
    text: [
      `重置密码的验证码：${code}`,
      `${minutes} 分钟内有效。如果不是您本人操作，请忽略此邮件，您的密码不会改变。`,
    ].join('\n'),
  }),
  en: ({ code, minutes }) => ({
    subject: `Your Switchboard code: ${code}`,
    text: [
      `Your code to set a new password: ${code}`,
      `It is valid for ${minutes} minutes. If you did not ask for it, ignore this mail; your password stays as it is.`,
    ].join('\n'),
  }),
  sv: ({ code, minutes }) => ({
    subject: `Din kod till Switchboard: ${code}`,
    text: [
      `Din kod för att välja ett nytt lösenord: ${code}`,
      `Den gäller i ${minutes} minuter. Om det inte var du som bad om den kan du bortse från det här mejlet; ditt lösenord är oförändrat.`,
    ].join('\n'),
  }),
  fr: ({ code, minutes }) => ({
    subject: `Votre code Switchboard : ${code}`,
    text: [
      `Votre code pour choisir un nouveau mot de passe : ${code}`,
      `Il est valable ${minutes} minutes. Si vous ne l’avez pas demandé, ignorez ce message ; votre mot de passe ne change pas.`,
    ].join('\n'),
  }),
};

/** The six-digit code of "Forgot password". */
export function resetCodeMail(language: MailLanguage, details: ResetCodeDetails): MailText {
  return resetCodeMails[language](details);
}
