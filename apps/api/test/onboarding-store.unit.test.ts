import { InMemoryOnboardingStore } from '../src/adapters/in-memory/in-memory-onboarding-store.js'
import { describeOnboardingStoreContract } from './contracts/onboarding-store.contract.js'

let current = new InMemoryOnboardingStore()

// The Postgres store (to be written with the registry's tables) runs this same suite.
describeOnboardingStoreContract('InMemoryOnboardingStore', {
  async store() {
    current = new InMemoryOnboardingStore()
    return current
  },
  async collectivity(siret) {
    const c = current.collectivities.get(siret)
    return c ? { lifecycle: c.lifecycle, editorSiret: c.editor?.siret ?? null } : null
  },
})
