/** The visitor page's words in its two languages; system lines are worded here from their `event` code. */
export type Language = 'zh-CN' | 'en';

export type Words = {
  title: string;
  starting: string;
  waiting: (position: number | null) => string;
  connecting: string;
  waitingHint: string;
  serving: (agent: string) => string;
  ended: string;
  you: string;
  agent: string;
  placeholder: string;
  send: string;
  endChat: string;
  confirmEnd: string;
  newChat: string;
  retry: string;
  sending: string;
  notSent: string;
  reconnecting: string;
  tooLong: (length: number, max: number) => string;
  tooFast: (seconds: number) => string;
  noCompany: string;
  queueFull: string;
  badIdentity: string;
  gone: string;
  failed: (detail: string) => string;
  emoji: { open: string; search: string; none: string; groups: readonly string[] };
  /** 上传图片: the picker, the preview before sending, the image in the transcript and its full-size view. */
  image: {
    attach: string;
    previewTitle: string;
    send: string;
    cancel: string;
    close: string;
    alt: (who: string) => string;
    open: string;
    loading: string;
    unavailable: string;
    sending: string;
    tooLarge: (megabytes: string) => string;
    wrongType: string;
  };
  /** 满意度评价: the card the agent sends; score 1–5 (worst first) and an optional comment. */
  survey: {
    title: string;
    prompt: string;
    scores: readonly [string, string, string, string, string];
    comment: string;
    submit: string;
    thanks: (score: number) => string;
    pick: string;
  };
  /** 留言: when the queue is full, a message for the company instead of waiting. */
  leave: {
    title: string;
    hint: string;
    text: string;
    contact: string;
    submit: string;
    sent: string;
    empty: string;
  };
  /** By event code; `body` is what the service wrote (the agent's name for agent-joined). */
  system: Record<string, (body: string) => string>;
};

const zh: Words = {
  title: '在线客服',
  starting: '正在发起会话…',
  waiting: (position) => (position === null ? '正在为您接入客服…' : `正在等待客服接入，您排在第 ${position} 位`),
  connecting: '客服即将接入…',
  waitingHint: '客服接入前，您可以先描述您的问题',
  serving: (agent) => `客服 ${agent} 为您服务`,
  ended: '会话已结束',
  you: '我',
  agent: '客服',
  placeholder: '请输入消息，Enter 发送，Shift+Enter 换行',
  send: '发送',
  endChat: '结束会话',
  confirmEnd: '确定结束本次会话吗？',
  newChat: '发起新会话',
  retry: '重试',
  sending: '发送中…',
  notSent: '未发送',
  reconnecting: '网络连接中断，正在重新连接…',
  tooLong: (length, max) => `消息过长：${length} 字，最多 ${max} 字`,
  tooFast: (seconds) => `发送太频繁，请 ${seconds} 秒后再发`,
  noCompany: '链接不完整：缺少公司编号（company）',
  queueFull: '当前咨询人数较多，客服全忙，请稍后再来',
  leave: {
    title: '给我们留言',
    hint: '请稍后再来，或留下您的问题和联系方式，客服会尽快回复您。',
    text: '留言内容',
    contact: '联系方式（选填，如手机号）',
    submit: '提交留言',
    sent: '留言已提交，客服会尽快联系您。',
    empty: '请填写留言内容',
  },
  badIdentity: '您的登录信息已失效，请返回网站重新打开客服',
  gone: '此会话已不存在，请发起新会话',
  failed: (detail) => `出错了：${detail}`,
  emoji: {
    open: '表情',
    search: '搜索表情',
    none: '未找到表情',
    groups: ['笑脸与情感', '人物与身体', '动物与自然', '食物与饮料', '旅行与地点', '活动', '物品', '符号', '旗帜'],
  },
  system: {
    'agent-joined': (agent) => (agent ? `客服 ${agent} 已接入` : '客服已接入'),
    transferred: () => '会话已转接给其他客服',
    'ended-by-agent': () => '客服已结束会话',
    'ended-by-visitor': () => '您已结束会话',
    timeout: () => '会话超时结束',
    'survey-sent': () => '客服邀请您对本次服务进行满意度评价',
    'survey-answered': () => '您已提交满意度评价',
  },
  image: {
    attach: '上传图片',
    previewTitle: '发送这张图片？',
    send: '发送',
    cancel: '取消',
    close: '关闭',
    alt: (who) => `${who}发送的图片`,
    open: '查看大图',
    loading: '图片加载中…',
    unavailable: '图片无法显示',
    sending: '图片发送中…',
    tooLarge: (megabytes) => `图片过大：${megabytes} MB，最大 10 MB`,
    wrongType: '只能发送 PNG、JPEG、GIF 或 WebP 图片',
  },
  survey: {
    title: '满意度评价',
    prompt: '请您对本次服务进行评价',
    scores: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
    comment: '其他意见或建议（选填）',
    submit: '提交评价',
    thanks: (score) => `感谢您的评价（${score} 分）！`,
    pick: '请先选择评分',
  },
};

const en: Words = {
  title: 'Online service',
  starting: 'Starting the chat…',
  waiting: (position) =>
    position === null ? 'Waiting for an agent…' : `Waiting for an agent: you are number ${position} in line`,
  connecting: 'An agent is about to join…',
  waitingHint: 'You can describe your question while you wait',
  serving: (agent) => `You are chatting with ${agent}`,
  ended: 'The chat has ended',
  you: 'You',
  agent: 'Agent',
  placeholder: 'Type a message. Enter sends, Shift+Enter for a new line',
  send: 'Send',
  endChat: 'End chat',
  confirmEnd: 'End this chat?',
  newChat: 'Start a new chat',
  retry: 'Try again',
  sending: 'Sending…',
  notSent: 'Not sent',
  reconnecting: 'Connection lost. Reconnecting…',
  tooLong: (length, max) => `The message is too long: ${length} characters, at most ${max}`,
  tooFast: (seconds) => `You are sending too fast. Wait ${seconds} s`,
  noCompany: 'This link is incomplete: it has no company',
  queueFull: 'All agents are busy and the line is full. Please come back later',
  leave: {
    title: 'Leave us a message',
    hint: 'Come back later, or leave your question and how to reach you: an agent will answer as soon as possible.',
    text: 'Your message',
    contact: 'How to reach you (optional, e.g. a phone number)',
    submit: 'Send message',
    sent: 'Your message has been left. An agent will get back to you soon.',
    empty: 'Please write your message',
  },
  badIdentity: 'Your sign-in has expired. Go back to the site and open the chat again',
  gone: 'This chat no longer exists. Start a new one',
  failed: (detail) => `Something went wrong: ${detail}`,
  emoji: {
    open: 'Emoji',
    search: 'Search emoji',
    none: 'No emoji found',
    groups: [
      'Smileys & emotion',
      'People & body',
      'Animals & nature',
      'Food & drink',
      'Travel & places',
      'Activities',
      'Objects',
      'Symbols',
      'Flags',
    ],
  },
  system: {
    'agent-joined': (agent) => (agent ? `${agent} joined the chat` : 'An agent joined the chat'),
    transferred: () => 'The chat was transferred to another agent',
    'ended-by-agent': () => 'The agent ended the chat',
    'ended-by-visitor': () => 'You ended the chat',
    timeout: () => 'The chat ended: no reply in time',
    'survey-sent': () => 'The agent asks you to rate this chat',
    'survey-answered': () => 'You rated this chat',
  },
  image: {
    attach: 'Send an image',
    previewTitle: 'Send this image?',
    send: 'Send',
    cancel: 'Cancel',
    close: 'Close',
    alt: (who) => `Image from ${who}`,
    open: 'View full size',
    loading: 'Loading image…',
    unavailable: 'The image cannot be shown',
    sending: 'Sending image…',
    tooLarge: (megabytes) => `The image is too large: ${megabytes} MB, at most 10 MB`,
    wrongType: 'Only PNG, JPEG, GIF and WebP images can be sent',
  },
  survey: {
    title: 'Satisfaction survey',
    prompt: 'How satisfied are you with this chat?',
    scores: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
    comment: 'Anything else you would like to tell us (optional)',
    submit: 'Send rating',
    thanks: (score) => `Thank you for your rating (${score} of 5)!`,
    pick: 'Choose a rating first',
  },
};

/** `?lang=` wins; then the browser's first language that is Chinese or English; Chinese by default (the manuals' users). */
export function pickLanguage(override: string | null, browserLanguages: readonly string[]): Language {
  for (const tag of [override, ...browserLanguages]) {
    if (!tag) continue;
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function wordsFor(language: Language): Words {
  return language === 'en' ? en : zh;
}

/**
 * A system line in the page's language. A timeout's body is the company's own message, shown as it is;
 * an event this page does not know yet falls back to the body the service wrote.
 */
export function systemLine(words: Words, event: string | null, body: string): string {
  if (event === 'timeout' && body.trim() !== '') return body;
  const word = event !== null && Object.hasOwn(words.system, event) ? words.system[event] : undefined;
  return word ? word(body) : body;
}
