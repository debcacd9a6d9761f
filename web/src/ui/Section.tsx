import { Box, Heading } from '@chakra-ui/react';
import { useId, type ReactNode } from 'react';

/** A titled region: every page section gets a landmark with an accessible name. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <Box as="section" aria-labelledby={id}>
      <Heading as="h2" id={id} size="md" mb={3}>{title}</Heading>
      {children}
    </Box>
  );
}
