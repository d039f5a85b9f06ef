import { hash, verify } from '@node-rs/argon2';

// argon2id (the library default) with OWASP's minimum: 19 MiB, 2 passes.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string) => hash(password, OPTIONS);

// Verifying against a real hash when the user does not exist keeps response times alike.
let dummy: string | null = null;
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= await hashPassword('sirem-timing-equaliser');
    await verify(dummy, password);
    return false;
  }
  return verify(stored, password);
}
