import { describe, expect, it } from 'vitest';
import {
  applicationStatuses, applicationStatusLabels, auditActionLabels, auditActions, campaignStageLabels, campaignStages, genderLabels,
  industryLabel, industrySectionLabels, industrySections, joinChannelLabels, joinChannels, label, letterKindLabels, letterKinds,
  memberCategories, memberCategoryLabels, memberStatuses, memberStatusLabels, occupationLabels, occupations, orgKindLabels, orgKinds,
  orgStatuses, orgStatusLabels, ownershipLabels, ownershipTypes, roleLabels, roles, rosterFieldLabels, rosterFields, rosterRowStatuses,
  rosterRowStatusLabels, routingReasonLabels, routingReasons, santongshiPhaseLabels, santongshiPhases, sizeBandLabels, sizeBands,
  targetStatuses, targetStatusLabels, transferStatusLabels, unionStatuses, unionStatusLabels, type Labels,
  stationLevels, stationLevelLabels, stationFacilities, stationFacilityLabels, acceptanceStates, acceptanceStateLabels, calendarDayKinds,
  calendarDayKindLabels, serviceListKinds, serviceListKindLabels, requestChannels, requestChannelLabels, requestStatuses, requestStatusLabels, transferStates, transferStateLabels,
} from '../src/index.ts';

/** Each enum beside its labels. */
const enums: [string, readonly string[], Labels<string>][] = [
  ['orgKinds', orgKinds, orgKindLabels],
  ['orgStatuses', orgStatuses, orgStatusLabels],
  ['roles', roles, roleLabels],
  ['unionStatuses', unionStatuses, unionStatusLabels],
  ['sizeBands', sizeBands, sizeBandLabels],
  ['ownershipTypes', ownershipTypes, ownershipLabels],
  ['industrySections', industrySections, industrySectionLabels],
  ['occupations', occupations, occupationLabels],
  ['memberCategories', memberCategories, memberCategoryLabels],
  ['joinChannels', joinChannels, joinChannelLabels],
  ['memberStatuses', memberStatuses, memberStatusLabels],
  ['genders', ['male', 'female'], genderLabels],
  ['applicationStatuses', applicationStatuses, applicationStatusLabels],
  ['routingReasons', routingReasons, routingReasonLabels],
  ['transferStatuses', ['pending', 'approved', 'rejected'], transferStatusLabels],
  ['rosterFields', rosterFields, rosterFieldLabels],
  ['rosterRowStatuses', rosterRowStatuses, rosterRowStatusLabels],
  ['targetStatuses', targetStatuses, targetStatusLabels],
  ['stationLevels', stationLevels, stationLevelLabels],
  ['stationFacilities', stationFacilities, stationFacilityLabels],
  ['acceptanceStates', acceptanceStates, acceptanceStateLabels],
  ['calendarDayKinds', calendarDayKinds, calendarDayKindLabels],
  ['requestChannels', requestChannels, requestChannelLabels],
  ['requestStatuses', requestStatuses, requestStatusLabels],
  ['requestTransferStates', transferStates, transferStateLabels],
  ['serviceListKinds', serviceListKinds, serviceListKindLabels],
  ['campaignStages', campaignStages, campaignStageLabels],
  ['letterKinds', letterKinds, letterKindLabels],
  ['santongshiPhases', santongshiPhases, santongshiPhaseLabels],
  ['auditActions', auditActions, auditActionLabels],
];

describe('enum labels', () => {
  it('label exactly the values of each enum, in both languages', () => {
    for (const [name, values, labels] of enums) {
      expect(Object.keys(labels).sort(), name).toEqual([...values].sort());
      for (const value of values) {
        expect(label(labels, value, 'zh-CN'), `${name}.${value}`).toMatch(/\S/);
        expect(label(labels, value, 'en'), `${name}.${value}`).toMatch(/\S/);
      }
    }
  });

  it('pick the language asked for', () => {
    expect(label(orgKindLabels, 'grid_federation', 'zh-CN')).toBe('网格工会联合会');
    expect(label(orgKindLabels, 'grid_federation', 'en')).toBe('Grid federation');
  });

  it('write an industry section with its letter', () => {
    expect(industryLabel('C', 'zh-CN')).toBe('C 制造业');
    expect(industryLabel('C', 'en')).toBe('C Manufacturing');
  });
});
