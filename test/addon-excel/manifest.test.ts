import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateXML, type XMLValidationResult } from 'xmllint-wasm';
import {
  excelAddinId,
  excelAddinUrls,
  excelIconSizes,
  excelManifest,
} from '../../scripts/excel-manifest.js';

// Microsoft's online validator cannot be reached from here, so the manifest is checked offline
// against our transcription of Microsoft's schema (addon-excel/manifest-schema).
const schemaDir = join(import.meta.dirname, '../../addon-excel/manifest-schema');
const assetsDir = join(import.meta.dirname, '../../addon-excel/assets');
const schemaFile = (fileName: string) => ({
  fileName,
  contents: readFileSync(join(schemaDir, fileName), 'utf8'),
});
const schema = {
  schema: [schemaFile('office-app-manifest.xsd')],
  preload: [schemaFile('basic-types.xsd'), schemaFile('taskpane-version-overrides.xsd')],
};

function validate(xml: string): Promise<XMLValidationResult> {
  return validateXML({ xml: [{ fileName: 'manifest.xml', contents: xml }], ...schema });
}

function errorsOf(result: XMLValidationResult): string {
  return result.errors.map((e) => e.message).join('\n');
}

const server = 'https://crm.example.com';
const manifest = excelManifest({ serverUrl: server });

/** `manifest` with one change; fails if the change did not apply, so no case passes by accident. */
function changed(pattern: RegExp | string, replacement: string): string {
  const result = manifest.replace(pattern, replacement);
  expect(result).not.toBe(manifest);
  return result;
}

function attribute(xml: string, element: string, name = 'DefaultValue'): string[] {
  const pattern = new RegExp(`<${element}\\b[^>]*\\b${name}="([^"]*)"`, 'g');
  return [...xml.matchAll(pattern)].map((m) => m[1] ?? '');
}

describe('the Excel add-in manifest', () => {
  it.each([
    ['an https server', { serverUrl: server }],
    ['a port and a path', { serverUrl: 'https://crm.example.com:8443/crm/' }],
    ['this machine over http', { serverUrl: 'http://127.0.0.1:8787' }],
    [
      'its own id and version',
      { serverUrl: server, id: '12345678-ABCD-4EF0-9123-456789ABCDEF', version: '2.3.4.5' },
    ],
  ])('is valid against the manifest schema for %s', async (_, options) => {
    const result = await validate(excelManifest(options));
    expect(errorsOf(result)).toBe('');
    expect(result.valid).toBe(true);
  });

  it('opens the task pane from the server and takes every icon from it', () => {
    expect(attribute(manifest, 'SourceLocation')).toEqual([`${server}/excel/taskpane.html`]);
    expect(attribute(manifest, 'bt:Url')).toEqual([`${server}/excel/taskpane.html`]);
    expect(attribute(manifest, 'IconUrl')).toEqual([`${server}/excel/assets/icon-32.png`]);
    expect(attribute(manifest, 'HighResolutionIconUrl')).toEqual([
      `${server}/excel/assets/icon-64.png`,
    ]);
    expect(attribute(manifest, 'bt:Image')).toEqual(
      excelIconSizes.map((size) => `${server}/excel/assets/icon-${size}.png`),
    );
    expect(excelAddinUrls(`${server}/`).signIn).toBe(`${server}/excel/sign-in.html`);
  });

  it('has an icon file of the right size for every icon it names', () => {
    for (const size of excelIconSizes) {
      const png = readFileSync(join(assetsDir, `icon-${size}.png`));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
      expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it('is an Excel task pane with a Home tab button, in Chinese with English overrides', () => {
    expect(manifest).toContain('xsi:type="TaskPaneApp"');
    expect(manifest).toContain(`<Id>${excelAddinId}</Id>`);
    expect(manifest).toContain('<Host Name="Workbook"/>');
    expect(manifest).toContain('<Set Name="ExcelApi" MinVersion="1.8"/>');
    expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(manifest).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(manifest).toMatch(
      /<DisplayName DefaultValue="客户信息">\s*<Override Locale="en-US" Value="Customer information"\/>/,
    );
    expect(manifest).toMatch(/<OfficeTab id="TabHome">[\s\S]*<Action xsi:type="ShowTaskpane">/);
    // Office requires 16, 32 and 80 pixel ribbon icons; the schema cannot say so.
    for (const icons of manifest.match(/<Icon>[\s\S]*?<\/Icon>/g) ?? []) {
      expect(attribute(icons, 'bt:Image', 'size')).toEqual(['16', '32', '80']);
    }
    expect(manifest).not.toContain('WebApplicationInfo');
  });

  describe('the schema refuses what Office refuses', () => {
    it('an element out of order (Requirements after DefaultSettings)', async () => {
      const xml = changed(
        /(\s*<Requirements>[\s\S]*?<\/Requirements>)(\s*<DefaultSettings>[\s\S]*?<\/DefaultSettings>)/,
        '$2$1',
      );
      const result = await validate(xml);
      expect(result.valid).toBe(false);
      expect(errorsOf(result)).toMatch(
        /Element '\{[^}]+\}Requirements': This element is not expected/,
      );
    });

    it('an element out of order inside VersionOverrides (Resources before Hosts)', async () => {
      const xml = changed(
        /(\s*<Hosts>\s*<Host xsi:type[\s\S]*?<\/Hosts>)(\s*<Resources>[\s\S]*?<\/Resources>)/,
        '$2$1',
      );
      const result = await validate(xml);
      expect(result.valid).toBe(false);
      expect(errorsOf(result)).toMatch(/Element '\{[^}]+\}Hosts': This element is not expected/);
    });

    it('a missing required element (Permissions)', async () => {
      const result = await validate(changed(/\s*<Permissions>.*<\/Permissions>/, ''));
      expect(result.valid).toBe(false);
      expect(errorsOf(result)).toMatch(/Expected is \( \{[^}]+\}Permissions \)/);
    });

    it('a display name over 125 characters', async () => {
      const long = '客'.repeat(126);
      const result = await validate(
        changed(/<DisplayName DefaultValue="[^"]*"/, `<DisplayName DefaultValue="${long}"`),
      );
      expect(result.valid).toBe(false);
      expect(errorsOf(result)).toMatch(
        /DisplayName', attribute 'DefaultValue': \[facet 'maxLength'\]/,
      );
    });

    it('an Id that is not a GUID', async () => {
      const result = await validate(changed(/<Id>[^<]*<\/Id>/, '<Id>customer-info-addin</Id>'));
      expect(result.valid).toBe(false);
      expect(errorsOf(result)).toMatch(/Id': \[facet 'pattern'\] The value 'customer-info-addin'/);
    });

    it('a resid that names no resource of its kind', async () => {
      const missing = await validate(
        changed(
          '<SourceLocation resid="Taskpane.Url"/>',
          '<SourceLocation resid="Taskpane.Page"/>',
        ),
      );
      expect(errorsOf(missing)).toMatch(/No match found for key-sequence \['Taskpane.Page'\]/);
      const wrongKind = await validate(
        changed('<Label resid="Group.Label"/>', '<Label resid="Taskpane.Url"/>'),
      );
      expect(errorsOf(wrongKind)).toMatch(/No match found for key-sequence \['Taskpane.Url'\]/);
    });
  });

  describe('the server address', () => {
    it.each([
      'http://crm.example.com',
      'http://localhost.example.com:8787',
      'ftp://crm.example.com',
      'crm.example.com',
      '',
      'https://crm.example.com/?tenant=1',
      'https://crm.example.com/#top',
      'https://admin:secret@crm.example.com',
    ])('refuses %j with a message that says https is needed', (serverUrl) => {
      expect(() => excelManifest({ serverUrl })).toThrow(
        /server address must be https:\/\/host\[:port\]\[\/path\].*Office loads add-ins only over https/,
      );
    });

    it('allows plain http only for this machine', () => {
      for (const serverUrl of [
        'http://localhost:8787',
        'http://127.0.0.1:8787',
        'http://[::1]:8787',
      ]) {
        expect(attribute(excelManifest({ serverUrl }), 'SourceLocation')).toEqual([
          `${serverUrl}/excel/taskpane.html`,
        ]);
      }
    });

    it('drops a trailing slash', () => {
      expect(attribute(excelManifest({ serverUrl: `${server}/crm//` }), 'SourceLocation')).toEqual([
        `${server}/crm/excel/taskpane.html`,
      ]);
    });

    it('is escaped in the XML', async () => {
      const xml = excelManifest({ serverUrl: "https://crm.example.com/o'neil&co" });
      expect(xml).toContain(
        'DefaultValue="https://crm.example.com/o&apos;neil&amp;co/excel/taskpane.html"',
      );
      expect(xml).not.toContain("o'neil&co");
      expect((await validate(xml)).valid).toBe(true);
      // Unescaped, the same address breaks the XML: the escaping is what keeps it well-formed.
      const raw = await validate(xml.replaceAll('&amp;', '&'));
      expect(raw.valid).toBe(false);
    });
  });

  it('refuses an id, version or provider name Office would refuse', () => {
    expect(() => excelManifest({ serverUrl: server, id: 'customer-info' })).toThrow(/GUID/);
    expect(() => excelManifest({ serverUrl: server, version: '1.0.0-beta.1' })).toThrow(
      /version must be one to four numbers/,
    );
    expect(() => excelManifest({ serverUrl: server, providerName: 'x'.repeat(126) })).toThrow(
      /providerName must have 1 to 125 characters/,
    );
  });
});
