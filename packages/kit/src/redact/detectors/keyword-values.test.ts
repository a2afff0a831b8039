import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('passwords after a keyword and a blank', () => {
  it.each([
    ['.netrc on one line', 'machine api.acme.test login deploy password ', 's3cr3tP4ss', '\n'],
    ['.netrc, tab-separated', 'password\t', 'Xk9mQ2vL7p', '\n'],
    ['Redis requirepass', 'requirepass ', 'Xk9mQ2vL7p', '\n'],
    ['Redis masterauth', 'masterauth ', 'Xk9mQ2vL7p', '\n'],
    ['kickstart rootpw', 'rootpw --plaintext ', 'Xk9mQ2vL7p', '\n'],
    ['Oracle IDENTIFIED BY, bare', 'ALTER USER app IDENTIFIED BY ', 'Sup3rS3cret', ';'],
    ['MySQL IDENTIFIED BY', "CREATE USER 'app'@'%' IDENTIFIED BY '", 'Sup3rS3cret!', "';"],
    [
      'MySQL IDENTIFIED WITH … BY',
      "CREATE USER 'u'@'%' IDENTIFIED WITH caching_sha2_password BY '",
      'Sup3r!',
      "';",
    ],
    ['PostgreSQL WITH PASSWORD', "ALTER ROLE app WITH LOGIN PASSWORD '", 'Sup3rS3cret!', "';"],
    ['MySQL PASSWORD()', "SET PASSWORD FOR 'app'@'%' = PASSWORD('", 'Sup3rS3cret!', "');"],
    ['PHP define', "define( 'DB_PASSWORD', '", 'Xk9#mQ2$vL7p', "' );"],
    ['.pgpass', 'db.internal:5432:app:deploy:', 'Hunter2Pass!', '\n'],
    ['a setter with a literal', 'ds.setPassword("', 'Xk9mQ2vL7p', '");'],
    ['a builder with a literal', 'Client.builder().password("', 'Xk9mQ2vL7p', '").build()'],
    ['prose with a value that is no word', 'The password is ', 'Xk9mQ2vL7p', ' until Monday.'],
    ['prose, reset to', 'your password was reset to ', 'Xk9mQ2vL7p', '.'],
    ['an adjective before the keyword', 'temporary password ', 'Xk9mQ2vL7p', '\n'],
    ['a Russian key', 'пароль: ', 'Xk9mQ2vL7p', '\n'],
    ['requests HTTPBasicAuth', "requests.get(url, auth=HTTPBasicAuth('deploy', '", 'Xk9mQ2vL7p', "'))"],
    ['requests auth tuple', "requests.get(url, auth=('deploy', '", 'Xk9mQ2vL7p', "'))"],
    ['Go SetBasicAuth', 'req.SetBasicAuth("deploy", "', 'Xk9mQ2vL7p', '")'],
    ['.NET NetworkCredential', 'new NetworkCredential("deploy", "', 'Xk9mQ2vL7p', '")'],
    ['OkHttp Credentials.basic', 'Credentials.basic("deploy", "', 'Xk9mQ2vL7p', '")'],
    ['a Japanese key, full-width colon', 'パスワード：', 'Xk9mQ2vL7p', '\n'],
    ['a Polish key', 'hasło = ', 'Xk9mQ2vL7p', '\n'],
    ['.pgpass with wildcards', '*:*:*:postgres:', 'Hunter2Pass!', ''],
    [
      'prose naming what the password is for',
      'The password for the staging DB is ',
      'Tr0ub4dor&3x',
      ' (rotate).',
    ],
    ['prose with a colon', 'Your new password is: ', 'Tr0ub4dor&3x', '\n'],
    ['a prompt naming its account', "Password for 'https://deploy@github.com': ", 'Tr0ub4dor&3x', '\n'],
    ['sudo prompt', '[sudo] password for deploy: ', 'Tr0ub4dor&3x', '\n'],
    ['a confirmation prompt', 'Password (again): ', 'Tr0ub4dor&3x', '\n'],
    ['Cisco enable secret', 'enable secret ', 'Tr0ub4dor&3x', '\n'],
    ['Cisco username … password 0', 'username admin privilege 15 password 0 ', 'Tr0ub4dor&3x', '\n'],
    ['SNMP community', 'snmp-server community ', 'Pr1vCommunity', ' RO\n'],
    ['Gradle storePassword', 'signingConfigs { release { storePassword "', 'Tr0ub4dor&3x', '" } }'],
    ['a Ruby DSL token', "  api_token '", 'Xk9mQ2vL7pR3', "'\n"],
    ['echo piped to sudo -S', "echo '", 'Tr0ub4dor&3x', "' | sudo -S apt-get update"],
    ['echo -e piped to passwd', 'echo -e "', 'Tr0ub4dor&3x', '" | passwd --stdin deploy'],
  ])('%s', (_name, before, secret, after) => {
    expectRedacted(before, secret, after, 'secret_assignment');
  });

  it.each([
    ['prose', 'the password is required for every login'],
    ['an expiry notice', 'Your password expired yesterday'],
    ['a capitalised word', 'Open Password Manager settings'],
    ['SQL NULL', 'ALTER ROLE app PASSWORD NULL;'],
    ['a hashed rootpw', 'rootpw --iscrypted $6$abc$def'],
    ['a placeholder', "password 'changeme'"],
    ['a setter with a variable', 'ds.setPassword(secret);'],
    ['an auth tuple of variables', 'auth=(user, password)'],
    ['a define that names no secret', "define( 'DB_HOST', 'localhost' );"],
    ['a time', 'password reset at 12:30:45'],
    ['a word ending a sentence', 'Rotate the password regularly.'],
    ['a word before a colon', 'password policy: 12 characters'],
    ['a link', 'reset password https://id.acme.test/reset'],
    ['prose naming a variable', 'the password (DB_PASSWORD) is read at start-up'],
    ['prose quoting a bad example', "a password 'admin123' is weak"],
    ['a directive named in a sentence', 'the requirepass directive sets it'],
    ['a lone keyword before a quoted word in prose', 'type the secret "sauce" here'],
    ['a compound name that is no secret', 'tokenizer "bert-base"'],
    ['prose naming what a password is for, with a word', 'The password for the database is required.'],
    ['echo piped elsewhere', "echo 'Tr0ub4dor&3x' | grep x"],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});
