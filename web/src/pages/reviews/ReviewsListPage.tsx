import { Anchor, Badge, Button, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link } from 'react-router';
import { useReviewCampaigns } from '../../api/reviews.js';
import { useCan } from '../../auth/permissions.js';
import { EmptyMessage } from '../../components/EmptyMessage.js';
import { formatDate } from '../../components/format.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryView } from '../../components/QueryView.js';
import { ReviewProgress } from './ReviewProgress.js';
import { StartReviewDialog } from './StartReviewDialog.js';

export function ReviewsListPage() {
  const can = useCan();
  const campaigns = useReviewCampaigns();
  const [startOpen, startDialog] = useDisclosure(false);
  return (
    <>
      <PageHeader
        title="Inventory reviews"
        description="Periodic campaigns in which each owner confirms or corrects the record of their assets."
        actions={
          can('review:manage') ? <Button onClick={startDialog.open}>Start review</Button> : null
        }
      />
      <QueryView query={campaigns}>
        {(items) =>
          items.length === 0 ? (
            <EmptyMessage title="No review campaigns yet">
              Start one to have owners confirm their assets.
            </EmptyMessage>
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table striped highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Campaign</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Due</Table.Th>
                    <Table.Th w="30%">Progress</Table.Th>
                    <Table.Th>Started by</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((campaign) => (
                    <Table.Tr key={campaign.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/reviews/${campaign.id}`} fw={500}>
                          {campaign.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Badge color={campaign.status === 'open' ? 'blue' : 'gray'} variant="light">
                          {campaign.status === 'open' ? 'Open' : 'Closed'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatDate(campaign.dueOn)}</Table.Td>
                      <Table.Td>
                        <ReviewProgress progress={campaign.progress} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{campaign.startedBy}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </QueryView>
      <StartReviewDialog opened={startOpen} onClose={startDialog.close} />
    </>
  );
}
