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
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal environment reference, the placeholder itself
    'mysql -p${DB_PASSWORD} shop',
  ])('keeps %s', (text) => {
    expectKept(text);
  });
});
