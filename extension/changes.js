// Policy change alerts: a small summary of a report kept per site, and plain words for what
// differs between two visits.

const ANSWER_WORDS = {
  sells_data: { yes: 'now says it sells your data', no: 'now says it does not sell your data' },
  targeted_advertising: { yes: 'now uses your data for targeted ads', no: 'no longer mentions targeted ads' },
  international_transfer: { yes: 'now sends data abroad' },
  law_enforcement_disclosure: { yes: 'now mentions handing data to law enforcement' },
};

/** The parts of a report whose change a person would want to hear about. */
export function fingerprint(report) {
  const facts = report.facts;
  const days = facts.retention.map((r) => r.days).filter((d) => Number.isInteger(d));
  return {
    grade: report.grade,
    sells_data: facts.sells_data,
    targeted_advertising: facts.targeted_advertising,
    international_transfer: facts.international_transfer,
    law_enforcement_disclosure: facts.law_enforcement_disclosure,
    data_collected: [...facts.data_collected],
    third_parties: [...facts.third_parties],
    longest_retention_days: days.length ? Math.max(...days) : null,
    effective_date: facts.effective_date,
  };
}

/** Plain-language differences from `before` to `after`, most important first. */
export function compare(before, after) {
  const changes = [];
  if (before.grade && after.grade && before.grade !== after.grade) {
    changes.push(`grade went from ${before.grade} to ${after.grade}`);
  }
  for (const [fact, words] of Object.entries(ANSWER_WORDS)) {
    if (before[fact] !== after[fact] && words[after[fact]]) changes.push(words[after[fact]]);
  }
  const added = (field) => after[field].filter((value) => !before[field].includes(value));
  const newData = added('data_collected');
  if (newData.length) changes.push(`now collects ${newData.map((d) => d.replace(/_/g, ' ')).join(', ')}`);
  const newParties = added('third_parties');
  if (newParties.length) changes.push(`now names ${newParties.join(', ')}`);
  if (before.longest_retention_days !== after.longest_retention_days
      && before.longest_retention_days !== null && after.longest_retention_days !== null) {
    changes.push(`longest stated retention went from ${period(before.longest_retention_days)} to ${period(after.longest_retention_days)}`);
  }
  if (!changes.length && before.effective_date && after.effective_date
      && before.effective_date !== after.effective_date) {
    changes.push(`updated on ${after.effective_date}; the summary is the same`);
  }
  return changes;
}

function period(days) {
  if (days % 365 === 0) return plural(days / 365, 'year');
  if (days >= 60 && Math.abs(days - Math.round(days / 30.4167) * 30.4167) < 1) {
    return plural(Math.round(days / 30.4167), 'month');
  }
  return plural(days, 'day');
}

function plural(n, unit) {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
