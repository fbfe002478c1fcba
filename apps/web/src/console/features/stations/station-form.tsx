import { useEffect, useState } from 'react';
import { App, Checkbox, Drawer, Form, Input, InputNumber, Select, Space, Button } from 'antd';
import {
  acceptanceStateLabels, acceptanceStates, stationFacilities, stationFacilityLabels, stationInputSchema, stationLevelLabels, stationLevels,
  type OpeningHours, type Station, type StationInput,
} from '@lianxin/contracts';
import { isApiError } from '../../../shared/api-client.ts';
import { useLocale } from '../../../shared/i18n/locale-context.tsx';
import { validateWith } from '../../../shared/schema-errors.ts';
import { DateInput } from '../../components/date-input.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { createStation, patchStation } from './stations-api.ts';
import { StationPointPicker } from './station-map.tsx';

/** Opening-hours presets (the form keeps a position's own hours when they match none). */
export const hourPresets = {
  office: [{ weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:30' }],
  staggered: [
    { weekdays: [1, 2, 3, 4, 5], open: '09:00', close: '17:30' }, { weekdays: [1, 2, 3, 4, 5], open: '18:00', close: '20:30' },
    { weekdays: [6], open: '09:00', close: '12:00' },
  ],
  daily: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: '07:00', close: '21:00' }],
  allDay: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], open: '00:00', close: '23:59' }],
} satisfies Record<string, OpeningHours>;
type Preset = keyof typeof hourPresets | 'custom';

export function presetOf(hours: OpeningHours): Preset {
  const found = (Object.keys(hourPresets) as (keyof typeof hourPresets)[]).find((k) => JSON.stringify(hourPresets[k]) === JSON.stringify(hours));
  return found ?? 'custom';
}

/** Errors by field path (`hours.0.close`) under the form's top-level fields (the hours preset holds the hours). */
function fieldErrors(fields: Record<string, string>) {
  return Object.entries(fields).map(([path, error]) => {
    const top = path.split('.')[0]!;
    return { name: (top === 'hours' ? 'preset' : top) as keyof Values, errors: [error] };
  });
}

interface Values extends Omit<StationInput, 'hours'> { preset: Preset }

/** Register or edit a position: checked with the API's schema; server field errors go under their fields. */
export function StationForm({ open, station, onClose, onSaved }: { open: boolean; station: Station | null; onClose: () => void; onSaved: () => void }) {
  const { t, pick, locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const lat = Form.useWatch('lat', form);
  const lng = Form.useWatch('lng', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (station) form.setFieldsValue({ ...station, preset: presetOf(station.hours) });
    else form.setFieldsValue({ level: 'relay', facilities: ['hot_water'], acceptance: 'pending', preset: 'daily', lat: 31.2304, lng: 121.4737 });
  }, [open, station, form]);

  const save = async () => {
    const { preset, ...values } = form.getFieldsValue(true) as Values;
    const hours = preset === 'custom' ? (station?.hours ?? hourPresets.office) : hourPresets[preset];
    const checked = validateWith(stationInputSchema, { ...values, hours }, locale);
    if (!checked.ok) {
      form.setFields(fieldErrors(checked.fields));
      return;
    }
    setSaving(true);
    try {
      const saved = station ? await patchStation(station.id, checked.data) : await createStation(checked.data);
      void message.success(t('stations.saved', { name: saved.name }));
      onSaved();
      onClose();
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length > 0) form.setFields(fieldErrors(e.fields));
      else void message.error(isApiError(e) ? e.message : t('app.networkError'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size="large"
      title={station ? t('stations.edit') : t('stations.add')}
      extra={(
        <Space>
          <Button onClick={onClose}>{t('stations.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => void save()} data-testid="station-save">{t('stations.save')}</Button>
        </Space>
      )}
    >
      <Form form={form} layout="vertical">
        <Form.Item name="orgId" label={t('stations.field.org')} required>
          <OrgTreeSelect valueLabel={station?.orgName} data-testid="station-org" />
        </Form.Item>
        <Form.Item name="name" label={t('stations.field.name')} required><Input maxLength={80} data-testid="station-name" /></Form.Item>
        <Form.Item name="level" label={t('stations.field.level')} required>
          <Select options={stationLevels.map((l) => ({ value: l, label: pick(stationLevelLabels[l]) }))} />
        </Form.Item>
        <Form.Item name="address" label={t('stations.field.address')} required><Input maxLength={200} data-testid="station-address" /></Form.Item>
        <Space>
          <Form.Item name="lat" label={t('stations.field.lat')} required><InputNumber step={0.0001} style={{ width: 160 }} data-testid="station-lat" /></Form.Item>
          <Form.Item name="lng" label={t('stations.field.lng')} required><InputNumber step={0.0001} style={{ width: 160 }} data-testid="station-lng" /></Form.Item>
        </Space>
        <Form.Item label={t('stations.picker.label')} extra={t('stations.picker.hint')}>
          <StationPointPicker lat={lat} lng={lng} onPick={(pickedLat, pickedLng) => form.setFieldsValue({ lat: pickedLat, lng: pickedLng })} />
        </Form.Item>
        <Form.Item name="preset" label={t('stations.field.hours')}>
          <Select options={(['office', 'staggered', 'daily', 'allDay', 'custom'] as const).map((p) => ({ value: p, label: t(`stations.hours.${p}`) }))} />
        </Form.Item>
        <Form.Item name="facilities" label={t('stations.field.facilities')}>
          <Checkbox.Group options={stationFacilities.map((f) => ({ value: f, label: pick(stationFacilityLabels[f]) }))} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('stations.field.contactPhone')}><Input maxLength={40} /></Form.Item>
        <Space>
          <Form.Item name="acceptance" label={t('stations.field.acceptance')}>
            <Select style={{ width: 140 }} options={acceptanceStates.map((a) => ({ value: a, label: pick(acceptanceStateLabels[a]) }))} />
          </Form.Item>
          <Form.Item name="acceptedOn" label={t('stations.field.acceptedOn')}><DateInput /></Form.Item>
          <Form.Item name="inspector" label={t('stations.field.inspector')}><Input maxLength={40} /></Form.Item>
        </Space>
      </Form>
    </Drawer>
  );
}
