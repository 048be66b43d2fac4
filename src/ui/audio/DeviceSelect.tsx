/** One device choice: "System default (its name)", the devices present, and a chosen one that is missing. */
import { useTranslation } from 'react-i18next';
import { SYSTEM_DEFAULT, type AudioDevice, type DeviceChoice } from '../../shared/audio.ts';

type Props = {
  label: string;
  testId: string;
  choice: DeviceChoice;
  devices: readonly AudioDevice[];
  systemDefault: string;
  onChoose: (choice: DeviceChoice) => void;
};

export function DeviceSelect({ label, testId, choice, devices, systemDefault, onChoose }: Props) {
  const { t } = useTranslation();
  const missing = choice.id !== SYSTEM_DEFAULT && !devices.some((device) => device.id === choice.id);
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select
        className="field-input"
        data-testid={testId}
        value={choice.id}
        onChange={(event) => {
          const id = event.target.value;
          const device = devices.find((candidate) => candidate.id === id);
          onChoose({ id, label: device?.label ?? (id === choice.id ? choice.label : '') });
        }}
      >
        <option value={SYSTEM_DEFAULT}>
          {systemDefault ? t('audio.systemDefaultNamed', { name: systemDefault }) : t('audio.systemDefault')}
        </option>
        {devices.map((device) => (
          <option key={device.id} value={device.id}>
            {device.label || t('audio.unnamedDevice')}
          </option>
        ))}
        {missing && <option value={choice.id}>{t('audio.notConnected', { name: choice.label })}</option>}
      </select>
    </label>
  );
}
