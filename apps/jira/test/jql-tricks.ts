/** The injection corpus the tests run: tricks that try to reach outside a project bound. Test data only. */
// JQL and key tricks seen against project allowlists: widening with OR, ending the clause early, smuggling an
// ORDER BY, unbalanced quotes and parentheses, comment-like text, NOT, functions.
export const JQL_TRICKS = [
  'project = OTHER',
  'status = Open OR project = OTHER',
  'status = Open) OR (project = OTHER',
  'status = Open OR 1=1',
  'summary ~ "x") OR project = OTHER OR ("',
  "summary ~ 'x\\') OR project = OTHER --'",
  'summary ~ "x\\" OR project = OTHER"',
  'text ~ "a" ORDER BY created) OR (project = OTHER',
  'assignee = currentUser() OR issuekey in linkedIssues("OTHER-1")',
  'NOT project in (API, WEB)',
  'project != API',
  'status = Open /* OR project = OTHER */',
  'status = Open -- OR project = OTHER',
  'status = Open && project = OTHER || project = SECRET',
  '(((status = Open)))',
  'key = OTHER-1 OR key = API-1',
  '',
  'ORDER BY created DESC',
];
