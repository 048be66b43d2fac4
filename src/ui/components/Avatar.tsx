/** A round badge with a person's initial, or a handset when only a number is known. */
import { PhoneIcon } from './icons.tsx';

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function initialsOf(name: string | undefined): string {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) return '';
  // Chinese names: the surname (first character) is what people recognise at a glance.
  const firstCjk = [...trimmed].find((ch) => CJK.test(ch));
  if (firstCjk && CJK.test([...trimmed][0] ?? '')) return firstCjk;
  const words = trimmed.split(/[\s\-_.]+/).filter((w) => /^[A-Za-z]/.test(w));
  return words
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export function Avatar({ name, size = 'md' }: { name: string | undefined; size?: 'md' | 'lg' }) {
  const initials = initialsOf(name);
  return (
    <span className={`avatar avatar-${size}`} aria-hidden="true">
      {initials || <PhoneIcon size={size === 'lg' ? 36 : 18} />}
    </span>
  );
}
