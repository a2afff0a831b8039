import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('credentials on command lines', () => {
  it.each([
    ['mysql, glued and quoted', "mysql -h 10.0.3.4 -u root -p'", 'Zq81#LmPx0r', "' shop"],
    ['mysql, glued bare', 'mysqldump -uroot -p', 'Zq81LmPx0r', ' --all-databases'],
    ['docker login', 'docker login -u deploy -p ', 'Tq7vLmZ2p9x', ' registry.example.com'],
    ['sshpass', 'sshpass -p ', 'hunter2hunter', ' ssh deploy@10.0.0.5'],
    ['redis-cli', 'redis-cli -h cache -a ', 'r3disS3cret', ' ping'],
    ['curl user:password', 'curl -u admin:', 'x7Tq9LmZ2p', ' https://jenkins.internal/api/json'],
    ['curl --user', 'curl --user ci:', 'x7Tq9LmZ2p', ' https://nexus.internal'],
    ['a long flag', 'vault-cli --password ', 'Pa55-w0rd-long', ' --host vault'],
    ['a token flag', 'gh-tool --token ', 'Xa9fK2mQ7pLw3Rt8', ' list'],
    ['keytool', 'keytool -importkeystore -srcstorepass ', 'changeit-2024!', ' -deststorepass x'],
    ['openssl pass:', 'openssl pkcs12 -in a.p12 -passin pass:', 'S3cr3tP12', ' -nodes'],
    [
      'aws configure set',
      'aws configure set aws_secret_access_key ',
      'wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPL3',
      '',
    ],
    ['npm config set', 'npm config set //registry.npmjs.org/:_authToken ', 'Xk2mQ9vL7pR3tY8w', ''],
    ['a Dockerfile ENV', 'ENV DB_PASSWORD ', 'Xk2mQ9vL7pR3', '\n'],
    ['ldapsearch -w', 'ldapsearch -x -D "cn=admin,dc=acme" -w ', 'Tr0ub4dor3x', ' -b dc=acme'],
    ['smbclient -U user%password', 'smbclient //files/share -U deploy%', 'Tr0ub4dor3x', ' -c ls'],
    ['sqlcmd -P', 'sqlcmd -S db -U sa -P ', 'Tr0ub4dor3x', ' -Q "select 1"'],
    ['an argument list', 'subprocess.run(["vault-cli", "--password", "', 'Tr0ub4dor3x', '"])'],
    ['gh secret set --body', 'gh secret set DB_PASSWORD --body "', 'Tr0ub4dor3x', '"'],
    [
      'aws ssm --value',
      'aws ssm put-parameter --name /db/password --value ',
      'Tr0ub4dor3x',
      ' --type SecureString',
    ],
    ['Apache SetEnv', 'SetEnv DB_PASSWORD ', 'Tr0ub4dor3x', '\n'],
    ['nginx fastcgi_param', 'fastcgi_param DB_PASSWORD ', 'Tr0ub4dor3x', ';\n'],
    ['csh setenv', 'setenv DB_PASSWORD ', 'Tr0ub4dor3x', '\n'],
  ])('%s', (_name, before, secret, after) => {
    expectRedacted(before, secret, after, 'secret_assignment');
  });

  it.each([
    'docker run -p 8080:80 nginx',
    'mysql -p shop',
    'tar -czf backup.tgz -p /var/lib',
    'curl -u admin https://example.test',
    'ls -a /tmp',
    'git config user.name "Alice"',
    'vault-cli --password-file /run/secrets/pw',
    'aws ssm put-parameter --name /app/region --value eu-west-1',
    'ldapsearch -x -b dc=acme -W',
    'subprocess.run(["ls", "--color", "auto"])',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal environment reference, the placeholder itself
    'mysql -p${DB_PASSWORD} shop',
  ])('keeps %s', (text) => {
    expectKept(text);
  });
});
