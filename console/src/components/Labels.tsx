import { Tag } from 'antd';
import type { CSSProperties } from 'react';
import { useI18n } from '../i18n';

/**
 * Status tags. antd's preset green/gold/blue tags put light text on a light tint (about 3:1);
 * these tints keep the look with text dark enough for WCAG AA (≥ 4.5:1).
 */
const TONES = {
  red: { color: '#a8071a', background: '#fff1f0', borderColor: '#ffa39e' },
  gold: { color: '#7c4a03', background: '#fffbe6', borderColor: '#ffe58f' },
  green: { color: '#1f5e0a', background: '#f6ffed', borderColor: '#b7eb8f' },
  blue: { color: '#0b3a8f', background: '#e6f4ff', borderColor: '#91caff' },
  grey: { color: '#374151', background: '#f3f4f6', borderColor: '#d1d5db' },
} satisfies Record<string, CSSProperties>;
type Tone = keyof typeof TONES;

const SEVERITY_TONE: Record<string, Tone> = { critical: 'red', warning: 'gold' };
const TRANCHE_TONE: Record<string, Tone> = { paid: 'green', partial: 'blue', upcoming: 'grey', due: 'gold', overdue: 'red', void: 'grey' };

export function ToneTag({ tone, children }: { tone: Tone; children: React.ReactNode }) {
  return <Tag style={{ ...TONES[tone], marginInlineEnd: 0 }}>{children}</Tag>;
}

export function SeverityTag({ severity }: { severity: string | null | undefined }) {
  const { label } = useI18n();
  return <ToneTag tone={SEVERITY_TONE[severity ?? ''] ?? 'grey'}>{label('severity', severity)}</ToneTag>;
}

export function TrancheStatusTag({ status }: { status: string | null | undefined }) {
  const { label } = useI18n();
  return <ToneTag tone={TRANCHE_TONE[status ?? ''] ?? 'grey'}>{label('tranche', status)}</ToneTag>;
}

export function AlertKindTag({ kind }: { kind: string }) {
  const { label } = useI18n();
  return <ToneTag tone="grey">{label('alert', kind)}</ToneTag>;
}

export function RoleTag({ role }: { role: string | null }) {
  const { label } = useI18n();
  return <ToneTag tone="blue">{label('role', role ?? 'none')}</ToneTag>;
}

const PROJECT_STATUS_TONE: Record<string, Tone> = { active: 'blue', 'on-hold': 'gold', 'closed-accepted': 'green', 'closed-failed': 'red', terminated: 'grey' };
const RESULT_TONE: Record<string, Tone> = { pass: 'green', rectify: 'gold', fail: 'red' };

export function ProjectStatusTag({ status }: { status: string | null | undefined }) {
  const { label } = useI18n();
  return <ToneTag tone={PROJECT_STATUS_TONE[status ?? ''] ?? 'grey'}>{label('projectStatus', status)}</ToneTag>;
}

/** An inspection's or an acceptance's result: pass / rectify / fail. */
export function ResultTag({ result }: { result: string | null | undefined }) {
  const { label } = useI18n();
  return <ToneTag tone={RESULT_TONE[result ?? ''] ?? 'grey'}>{label('result', result)}</ToneTag>;
}

export function HeldTag() {
  const { t } = useI18n();
  return <ToneTag tone="gold">{t('tag.onHold')}</ToneTag>;
}
