// axe-core accessibility checks: WCAG 2.1 level A and AA rules, serious and critical impact only.
//
//   const violations = await axeViolations(page);
//   assert.deepEqual(violations, [], formatViolations(violations));
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const BLOCKING_IMPACTS = ['serious', 'critical'];

/**
 * Inject axe into the page (page.evaluate is not subject to the page's CSP, unlike a script tag)
 * and return the violations of the given tags whose impact is in `impacts`, each reduced to
 * {id, impact, help, helpUrl, nodes: [{target, html, failureSummary}]}.
 * Options: tags, impacts, include (a CSS selector to limit the check to), rules (axe rule overrides).
 */
export async function axeViolations(page, {
  tags = WCAG21_AA_TAGS,
  impacts = BLOCKING_IMPACTS,
  include,
  rules,
} = {}) {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async ({ tags, include, rules }) => {
    const options = { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] };
    if (rules) options.rules = rules;
    // eslint-disable-next-line no-undef
    return axe.run(include ?? document, options);
  }, { tags, include, rules });
  return results.violations
    .filter((v) => impacts.includes(v.impact))
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
    }));
}

/** A readable multi-line report for an assertion message. */
export function formatViolations(violations, label = '') {
  if (!violations.length) return `${label}no axe violations`;
  return `${label}${violations.length} axe violation(s):\n` + violations.map((v) =>
    `- [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n` +
    v.nodes.slice(0, 5).map((n) => `    at ${JSON.stringify(n.target)}: ${n.html.slice(0, 160)}`).join('\n') +
    (v.nodes.length > 5 ? `\n    … and ${v.nodes.length - 5} more` : ''),
  ).join('\n');
}
