import { describe, it } from 'vitest';
import { expectKept, expectRedacted } from '../test-expect.ts';

describe('passwords given by position', () => {
  it.each([
    ['smtplib login', 'server.login("ops", "', 'Tr0ub4dor&3x', '")'],
    ['ftplib login', "ftp.login('deploy', '", 'Tr0ub4dor&3x', "')"],
    ['mysqli_connect', "$c = mysqli_connect('localhost', 'root', '", 'Tr0ub4dor&3x', "', 'shop');"],
    ['new mysqli', '$m = new mysqli("db", "root", "', 'Tr0ub4dor&3x', '", "shop");'],
    ['new PDO', "$db = new PDO('mysql:host=db;dbname=shop', 'root', '", 'Tr0ub4dor&3x', "');"],
    [
      'PowerShell ConvertTo-SecureString',
      "$p = ConvertTo-SecureString '",
      'Tr0ub4dor&3x',
      "' -AsPlainText -Force",
    ],
    ['ConvertTo-SecureString -String', 'ConvertTo-SecureString -String "', 'Tr0ub4dor&3x', '" -AsPlainText'],
    ['sqlplus user/password@db', 'sqlplus -s scott/', 'Tr0ub4dor3x', '@orcl @report.sql'],
    ['JDBC Oracle thin', 'jdbc:oracle:thin:scott/', 'Tr0ub4dor3x', '@db:1521:orcl'],
    ['htpasswd -b', 'htpasswd -bc /etc/nginx/.htpasswd deploy ', 'Tr0ub4dor3x', '\n'],
    ['net user', 'net user svc_backup ', 'Tr0ub4dor3x', ' /add'],
    ['an HTML password input', '<input type="password" name="pw" value="', 'Tr0ub4dor&3x', '">'],
    ['an HTML password input, value first', "<input value='", 'Tr0ub4dor&3x', "' type=password>"],
    ['an FTP transcript', '> USER deploy\n> PASS ', 'Tr0ub4dor&3x', '\n< 230 Logged in'],
    ['an IMAP login', 'a001 LOGIN deploy ', 'Tr0ub4dor&3x', '\n'],
    ['a Redis AUTH', '127.0.0.1:6379> AUTH default ', 'Tr0ub4dor&3x', '\nOK'],
    ['SMTP AUTH PLAIN', 'C: AUTH PLAIN ', 'AGJvYgBUcjB1YjRkb3ImM3g=', '\n'],
    ['Properties.put', 'props.put("db.password", "', 'Tr0ub4dor&3x', '");'],
    ['localStorage.setItem', "localStorage.setItem('authToken', '", 'Tr0ub4dor&3x', "')"],
    [
      'Terraform variable default',
      'variable "db_password" {\n  type    = string\n  default = "',
      'Tr0ub4dor&3x',
      '"\n}',
    ],
    [
      'CloudFormation JSON parameter',
      '"DBPassword": {"Type": "String", "NoEcho": true, "Default": "',
      'Tr0ub4dor&3x',
      '"}',
    ],
    [
      'CloudFormation YAML parameter',
      'Parameters:\n  DBPassword:\n    Type: String\n    Default: ',
      'Tr0ub4dor3x',
      '\n',
    ],
  ])('%s', (_name, before, secret, after) => {
    expectRedacted(before, secret, after, 'secret_assignment');
  });

  it.each([
    ['a login with variables', 'server.login(user, password)'],
    ['a login with a placeholder', 'ftp.login("anonymous", "<your-password>")'],
    ['net user listing', 'net user /domain'],
    ['an HTML text input', '<input type="text" value="Tr0ub4dor&3x">'],
    ['sqlplus without a password', 'sqlplus / as sysdba'],
    ['a sentence with PASS in it', 'All checks PASS on main today'],
    ['an IMAP login command named in prose', 'use the LOGIN command'],
    ['a sentence whose second word is login', 'Ship login rate limiting'],
    ['a title line starting with a word and login', 'Fix login page redirect'],
    ['a call given a name that is no secret', 'props.put("db.host", "db.internal");'],
    ['a variable default that is no secret', 'variable "region" {\n  default = "eu-west-1"\n}'],
    ['a CloudFormation parameter that is no secret', 'Parameters:\n  Env:\n    Default: production\n'],
  ])('keeps %s', (_name, text) => {
    expectKept(text);
  });
});
