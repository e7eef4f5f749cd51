// A short policy the service worker analyses once when it was woken before its first page
// (background.js): V8 compiles the core's functions on their first call, and doing that while the
// page is still loading takes it off the page's first analysis (BENCHMARKS.md). Written for this
// purpose, in English; its clauses reach the classifier, the facts, dates and contacts.
export const WARM_UP_PAGE = {
  url: 'https://policylens.invalid/privacy',
  title: 'Privacy Policy',
  lang: 'en',
  blocks: [
    ['h1', 'Privacy Policy'],
    ['p', 'Last updated: January 5, 2026'],
    ['h2', 'Information we collect'],
    ['p', 'We collect your name, email address, phone number, postal address and payment card details when you create an account or place an order.'],
    ['p', 'When you visit our website we automatically collect your IP address, device identifiers, browser type and approximate location, using cookies and similar technologies.'],
    ['h2', 'How we use and share information'],
    ['p', 'We use this information to provide our services, to send you marketing emails and to show you personalised advertising.'],
    ['p', 'We share information with service providers such as Google Analytics and Stripe, and with advertising partners. We do not sell your personal information.'],
    ['p', 'We may transfer your information to the United States and other countries outside the European Economic Area.'],
    ['h2', 'How long we keep it'],
    ['p', 'We keep account information for as long as your account is active and delete it within 90 days after you close your account.'],
    ['h2', 'Your rights'],
    ['p', 'You may access, correct or delete your personal information and opt out of marketing at any time. California residents have rights under the CCPA, and residents of the European Union under the GDPR.'],
    ['h2', 'Children'],
    ['p', 'Our services are not directed to children under 13 and we do not knowingly collect their information.'],
    ['h2', 'Changes and contact'],
    ['p', 'We may change this policy from time to time and will notify you by email. Contact us at privacy@example.com or write to 1 Main Street, Springfield.'],
  ].map(([tag, text]) => ({ text, tag, level: tag[0] === 'h' ? Number(tag[1]) : 0 })),
};
